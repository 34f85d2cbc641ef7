"""The chaos season's cohort set-up and mentoring round: config, members' actions, end state.

Two cohorts are set up in the season's first cycles (one from a Basecamp template with a
check-in, one a plain project): project, access (known members granted, an outside facilitator
invited), welcome and three reflection-session schedule entries each. A mentoring round runs
alongside: the call, about 30 replies (one edited, one withdrawn), matching, staff approval in
a staff-only project and the introductions as comments on the call.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
TEMPLATE = "Confidence course cohort"
STAFF_PROJECT = "LOTI staff"
NADIA = ("Nadia Rossi", "nadia.rossi@loti.london")  # the staff member in signups_world's network
COHORTS = (("chaos-template", "Confident Digital Leaders, chaos A", True),
           ("chaos-plain", "Confident Digital Leaders, chaos B", False))
FACILITATOR = ("Helen Adeyemi", "helen@adeyemi.co.uk")  # not in Basecamp yet: invited
ROUND = "chaos-round"

# (name, domain, title, reply): mentors, mentees and both, as members write.
MENTORING = (
    ("Ada Okafor", "camden.gov.uk", "Director of Digital", "Happy to mentor on cloud and cyber"),
    ("Bea Patel", "brent.gov.uk", "Head of Service", "I'd like to mentor - leadership, "
     "negotiation. I can take two people."),
    ("Cara Long", "hackney.gov.uk", "Assistant Director", "Count me in as a mentor for data "
     "strategy and AI"),
    ("Dina Shah", "camden.gov.uk", "Head of Data", "Mentor please — data analytics"),
    ("Eve Moss", "hackney.gov.uk", "Chief Digital Officer", "I can offer mentoring on "
     "procurement and budgeting, happy to take 2 mentees"),
    ("Fay Dunn", "brent.gov.uk", "Senior Manager", "Put me down as a mentor: user research"),
    ("Gia Rossi", "camden.gov.uk", "Director", "Happy to mentor anyone coming back from "
     "maternity leave"),
    ("Hana Ito", "hackney.gov.uk", "Service Manager", "I'll mentor on agile delivery"),
    ("Isla Byrne", "brent.gov.uk", "Head of Service", "Glad to mentor on public speaking"),
    ("Kim Ng", "camden.gov.uk", "Head of Digital", "Mentor 🙋‍♀️ product management"),
    ("Mia Cole", "camden.gov.uk", "Officer", "I'd like a mentor for cloud please"),
    ("Nia Ford", "hackney.gov.uk", "Analyst", "Mentee please — cyber security"),
    ("Ola Gray", "brent.gov.uk", "Officer", "Would love a mentor to help with leadership"),
    ("Pam Hunt", "camden.gov.uk", "Developer", "Mentee! negotiation and public speaking"),
    ("Qi Wang", "hackney.gov.uk", "Manager", "Could I have a mentor on data strategy?"),
    ("Rae Jung", "brent.gov.uk", "Officer", "I'd love to be mentored on AI"),
    ("Sal Khan", "camden.gov.uk", "Analyst", "Please match me with a mentor for data analytics"),
    ("Tia Lund", "hackney.gov.uk", "Apprentice", "Mentee please: procurement"),
    ("Uma Roy", "brent.gov.uk", "Officer", "I'd benefit from a mentor on budgeting"),
    ("Val Soto", "camden.gov.uk", "Researcher", "I'd like a mentor — user research"),
    ("Wyn Hale", "hackney.gov.uk", "Officer", "Mentee — I'm back from maternity leave in March"),
    ("Xia Chen", "brent.gov.uk", "Manager", "Would love a mentor on agile delivery"),
    ("Yas Amin", "camden.gov.uk", "Team Leader", "I'm a new line manager and would love a "
     "mentor"),
    ("Zoe Park", "hackney.gov.uk", "Officer", "Mentee please, public speaking"),
    ("Bel Rees", "brent.gov.uk", "Business Analyst", "Please could I have a mentor for product "
     "management?"),
    ("Eli Dale", "camden.gov.uk", "Manager", "Both please! I'd like a mentor for leadership and "
     "can mentor on accessibility"),
    ("Gwen Ash", "hackney.gov.uk", None, "How long does the mentoring last?"),
    ("Kay Ellis", "brent.gov.uk", "Officer", "Mentor please!"),
    ("Liv Fox", "camden.gov.uk", "Officer", "Mentee please — AI"),
)  # fmt: skip
EDIT = (27, "I'd like a mentor! (wrong way round first time) Cloud please.")  # Kay Ellis
WITHDRAWAL = (28, "Sorry, I need to withdraw, I'm leaving in March")  # Liv Fox, a 2nd reply


def _london(when: datetime) -> str:
    return when.astimezone(LONDON).strftime("%Y-%m-%d %H:%M")


def cohorts_yaml(start: datetime, members: list[dict]) -> str:
    """Two cohorts whose set-up is due when the season starts (course a week later)."""
    course = (start.astimezone(LONDON) + timedelta(days=7)).date()
    out = ["cohorts:"]
    for key, name, template in COHORTS:
        out += [f"  - key: {key}", f"    name: {name}", f"    course_start: {course}"]
        out += [f"    template: {TEMPLATE}"] if template else [
            "    tools: [message_board, schedule, chat, questionnaire]"]
        out += ["    participants_from: list", "    participants:"]
        group = members[0:4] if template else members[4:8]
        out += [f"      - {{name: {p['name']}, email: {p['email_address']}}}" for p in group]
        out += ["    facilitators:",
                f"      - {{name: {FACILITATOR[0]}, email: {FACILITATOR[1]}, "
                "organisation: Adeyemi Coaching}",
                f"    staff: [{NADIA[1]}]", "    reflection:",
                "      link: https://teams.example.org/reflect"]
        if template:
            out += ["    check_in:", "      weekday: friday", '      time_of_day: "16:00"']
    return "\n".join(out) + "\n"


def mentoring_yaml(repo: Path, call: datetime, match: datetime) -> str:
    """One round with the shipped vocabulary: call, match, approval, comment introductions."""
    shipped = (repo / "config" / "mentoring.yaml").read_text()
    _, _, tail = shipped.partition("    topics: &topics")
    lines = ["mentoring:", f"  - key: {ROUND}", "    title: Chaos mentoring round",
             f"    call_at: {_london(call)}", f"    match_at: {_london(match)}",
             f"    introduce_at: {_london(match + timedelta(minutes=1))}",
             "    approval: true", f"    approval_project: {STAFF_PROJECT}",
             "    introduce_via: comment"]
    return "\n".join(lines) + "\n    topics: &topics" + tail


def mentoring_actions(rng: Any, cycles: int) -> dict[int, list[tuple]]:
    """Replies to the call in the first 40% of cycles, the edit and withdrawal after them, and
    staff approval once matching (at 70%) has had time to post the proposal."""
    actions: dict[int, list[tuple]] = {}
    last = max(3, cycles * 2 // 5)
    for i in range(len(MENTORING)):
        actions.setdefault(rng.randrange(2, last), []).append(("mreply", i))
    actions.setdefault(last, []).append(("medit",))
    actions.setdefault(last, []).append(("mwithdraw",))
    actions.setdefault(max(last + 2, cycles * 4 // 5), []).append(("approve",))
    return actions


def match_time(start: datetime, cycles: int) -> datetime:
    return start + timedelta(minutes=cycles * 7 // 10)


class Programmes:
    """The cohort and mentoring side of a season, on one sandbox."""

    def __init__(self, sb: Any, network_project: dict, members: list[dict]):
        self.sb = sb
        self.members = members
        self.nadia = sb.add_person(NADIA[0], NADIA[1], company="LOTI")
        self.staff_project = sb.add_project(STAFF_PROJECT)
        sb.grant(self.staff_project["id"], [self.nadia["id"]])
        sb.add_template(TEMPLATE)
        self.mentoring_people = []
        for name, domain, title, _ in MENTORING:
            email = f"{name.split()[0].lower()}.{name.split()[-1].lower()}@{domain}"
            self.mentoring_people.append(sb.add_person(name, email, None, title))
        sb.grant(network_project["id"], [p["id"] for p in self.mentoring_people])
        self.network_project = network_project
        self.reply_ids: dict[int, int] = {}
        self.pending: list[tuple] = []  # actions waiting for the bot's post they answer

    # ---- members and staff acting ---------------------------------------------------------

    def _bot_message(self, project_id: int, words: str) -> dict | None:
        me = self.sb.bot_person["id"]
        found = [m for m in self.sb.recordings("Message", bucket_id=project_id)
                 if m["creator"]["id"] == me and words in m["subject"].lower()
                 and m.get("status") != "trashed"]
        return min(found, key=lambda m: m["id"]) if found else None

    def act(self, action: tuple) -> None:
        """Do it now if what it answers exists, else keep it for the next cycle (in order)."""
        self.pending.append(action)
        self.flush()

    def flush(self) -> None:
        sb = self.sb
        call = self._bot_message(self.network_project["id"], "mentor")
        while self.pending:
            action = self.pending[0]
            if action[0] == "approve":
                approval = self._bot_message(self.staff_project["id"], "")
                if approval is None:
                    return
                sb.post_comment(self.nadia["id"], approval["id"], "<div>Approve, thank you!</div>")
            elif call is None:
                return
            elif action[0] == "mreply":
                i = action[1]
                self.reply_ids[i] = sb.post_comment(self.mentoring_people[i]["id"], call["id"],
                                                    f"<div>{MENTORING[i][3]}</div>")["id"]
            elif action[0] == "medit":
                sb.edit_comment(self.reply_ids[EDIT[0]], f"<div>{EDIT[1]}</div>")
            elif action[0] == "mwithdraw":
                sb.post_comment(self.mentoring_people[WITHDRAWAL[0]]["id"], call["id"],
                                f"<div>{WITHDRAWAL[1]}</div>")
            self.pending.pop(0)

    # ---- what the season ended with -------------------------------------------------------

    def _cohort_projects(self) -> dict[str, list[dict]]:
        with self.sb.lock:
            projects = [dict(p) for p in self.sb.state.projects.values()
                        if p.get("status") != "trashed"]
        return {name: [p for p in projects if p["name"] == name] for _, name, _ in COHORTS}

    def _emails(self, ids: list[int]) -> list[str]:
        with self.sb.lock:
            return sorted(self.sb.state.people[i]["email_address"] for i in ids)

    def _plain(self, html: str) -> str:
        # Avatars in mentions carry the sandbox's address, and a mention's sgid the sandbox's
        # secret and the person's id (an invitee's id depends on when she was created): all
        # differ from run to run; the person, named in the figcaption, does not.
        html = html.replace(self.sb.api_url, "SANDBOX")
        return re.sub(r'sgid="[^"]*"', 'sgid=""', html)

    def state(self, store: Any, me: int) -> dict:
        from bot.jobs.mentoring import pair_rows
        from bot.store import mentoring_tables as t

        out: dict[str, Any] = {}
        for name, found in self._cohort_projects().items():
            if len(found) != 1:
                out[f"cohort {name}"] = f"{len(found)} projects"
                continue
            pid = found[0]["id"]
            out[f"cohort {name}"] = {
                "access": self._emails(found[0]["people"]),
                "welcome": sorted((m["subject"], self._plain(m["content"])) for m in
                                  self.sb.recordings("Message", bucket_id=pid)
                                  if m["creator"]["id"] == me),
                "entries": sorted(
                    (e["summary"], e["starts_at"], e["ends_at"], e.get("description") or "",
                     tuple(self._emails([p["id"] for p in e["participants"]])))
                    for e in self.sb.recordings("Schedule::Entry", bucket_id=pid)),
                "questions": sorted(q["title"] for q in
                                    self.sb.recordings("Question", bucket_id=pid)),
            }
        with store.transaction() as conn:
            row = t.round_row(conn, ROUND)
        pairs = pair_rows(store, _round(), None) if row is not None else []
        call = self._bot_message(self.network_project["id"], "mentor")
        intros = [] if call is None else sorted(
            self._plain(c["content"])
            for c in self.sb.recordings("Comment", parent_id=call["id"])
            if c["creator"]["id"] == me and c.get("status") != "trashed")
        with self.sb.lock:
            acked = Counter(b["recording_id"] for b in self.sb.state.boosts.values()
                            if b["booster_id"] == me)
        out["mentoring"] = {
            "acknowledged replies": sorted(i for i, rid in self.reply_ids.items() if acked[rid]),
            "stage": row.stage if row is not None else None,
            "pairs": sorted((p["mentor"].get("email"), p["mentee"].get("email"), p["status"])
                            for p in pairs),
            "bot comments on the call": intros,
        }
        return out

    def duplicates(self, me: int) -> Counter:
        """Counts of everything these programmes write, keyed so that a repeat shows as > 1."""
        seen: Counter = Counter()
        for name, found in self._cohort_projects().items():
            seen[("project", name)] += len(found)
            for p in found:
                pid = p["id"]
                for e in self.sb.recordings("Schedule::Entry", bucket_id=pid):
                    seen[("schedule entry", name, e["summary"])] += 1
                for m in self.sb.recordings("Message", bucket_id=pid):
                    if m["creator"]["id"] == me:
                        seen[("message", name, m["subject"])] += 1
                for q in self.sb.recordings("Question", bucket_id=pid):
                    seen[("question", name, q["title"])] += 1
                # Access: each person once on the project, and each invitee made once.
                for pid_ in p["people"]:
                    seen[("access", name, pid_)] += 1
        with self.sb.lock:
            for person in self.sb.state.people.values():
                seen[("person", person["email_address"].lower())] += 1
        for project in (self.network_project, self.staff_project):
            for m in self.sb.recordings("Message", bucket_id=project["id"]):
                if m["creator"]["id"] == me and m.get("status") != "trashed":
                    seen[("message", project["name"], m["subject"])] += 1
                    for c in self.sb.recordings("Comment", parent_id=m["id"]):
                        if c["creator"]["id"] == me and c.get("status") != "trashed":
                            seen[("comment/introduction", m["id"], c["content"])] += 1
        return seen


def _round() -> Any:
    """A stand-in round for `pair_rows` (it reads only the key)."""

    class _R:
        key = ROUND

    return _R()

