"""`loti-bot demo`: the whole story runs against the sandbox and leaves the right things there."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from markupsafe import escape

from bot.basecamp.richtext import html_to_text
from bot.cli import cli
from bot.config import load_config
from bot.demo import STAFF_PROJECTS, demo_config_dir, seed
from bot.demo_script import DEMO_CAPACITY, MEMBERS, PROMOTED, RECRUITMENT_REPLIES
from bot.sandbox import Sandbox
from bot.sandbox.richtext import sign_sgid
from bot.sandbox.state import State
from tests.frame.frame_support import REPO

COHORT = "Confident Digital Leaders, spring 2027"
# One worker runs this module under `--dist loadgroup`, so the demo below runs once; the
# other tests that draw the digest chart join it (matplotlib is imported by one worker).
pytestmark = [pytest.mark.xdist_group("demo"), pytest.mark.long]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[str, State]:
    """The CLI demo run once, with its final sandbox state kept in a file."""
    state_file = tmp_path_factory.mktemp("demo") / "sandbox.json"
    result = CliRunner().invoke(cli, ["--env-file", "/nonexistent.env", "demo",
                                      "--state-file", str(state_file)])
    assert result.exit_code == 0, result.output
    return result.output, State.load(state_file)


def _named_file(out: str, label: str) -> Path:
    """A file the demo names at the end ("LABEL: PATH")."""
    (line,) = [x for x in out.splitlines() if x.startswith(label)]
    path = Path(line.split(": ", 1)[1].split(" (")[0].strip())
    assert path.is_file(), line
    return path


def _person(state: State, first: str) -> dict:
    """A demo member by first name (champions and staff may share it)."""
    (name,) = [n for n, _, _ in MEMBERS if n.split()[0] == first]
    return next(p for p in state.people.values() if p["name"] == name)


def _bot_items(state: State, rtype: str) -> list[dict]:
    return [r for r in state.recordings.values()
            if r["type"] == rtype and r["creator_id"] == state.bot_person_id]


def _project(state: State, name: str) -> list[dict[str, Any]]:
    return [p for p in state.projects.values() if p["name"] == name]


def test_seed_creates_the_projects_and_people_from_config() -> None:
    config = load_config(REPO / "config")
    with Sandbox() as sandbox:
        seeded = seed(sandbox, config)
        people = sandbox.state.projects[seeded.project_id]["people"]
        champions = [o for o in config.network.organisations if o.champion]
        expected = len(config.network.staff) + len(champions) + len(MEMBERS)
        assert len(seeded.member_ids) == len(MEMBERS)
        assert set(seeded.member_ids) <= set(people)
        assert len(set(people) - {sandbox.state.bot_person_id}) == expected
        names = [p["name"] for p in sandbox.state.projects.values()]
        assert all(names.count(n) == 1 for n in STAFF_PROJECTS)
        assert [t["name"] for t in sandbox.state.templates.values()] == [
            c.template for c in config.cohorts if c.template]


def test_demo_config_copy_only_shrinks_the_lunch_and_learn(tmp_path: Path) -> None:
    copied = load_config(demo_config_dir(REPO / "config", tmp_path))
    shipped = load_config(REPO / "config")
    caps = {e.key: e.capacity for e in copied.events}
    assert caps["lunch-and-learn"] == DEMO_CAPACITY
    assert {k: v for k, v in caps.items() if k != "lunch-and-learn"} == {
        e.key: e.capacity for e in shipped.events if e.key != "lunch-and-learn"}


def test_the_waitlisted_member_is_promoted_and_told(demo) -> None:
    out, state = demo
    assert f"3 of {DEMO_CAPACITY} places taken · 1 on the waitlist" in out
    promoted = _person(state, PROMOTED)
    told = [c for c in _bot_items(state, "Comment") if "a place has come up" in c["content"]]
    assert len(told) == 1
    assert sign_sgid(state.secret, "Person", promoted["id"]) in told[0]["content"]


def test_the_cohort_project_exists_once_with_its_participants(demo) -> None:
    _, state = demo
    (project,) = _project(state, COHORT)
    signed_up = {_person(state, who)["id"] for who, text in RECRUITMENT_REPLIES
                 if "can't" not in text}
    assert len(signed_up) == 5
    assert signed_up <= set(project["people"])
    declined = _person(state, "Ellen")["id"]
    assert declined not in project["people"]
    subjects = [m["subject"] for m in _bot_items(state, "Message")
                if m["bucket_id"] == project["id"]]
    assert subjects == [f"Welcome to {COHORT}", "Reflection session 1: Monday 8 March"]
    entries = [e for e in _bot_items(state, "Schedule::Entry") if e["bucket_id"] == project["id"]]
    assert len(entries) == 3
    assert all(set(e["participant_ids"]) == signed_up for e in entries)


def test_mentoring_pairs_are_approved_then_introduced_once_each(demo) -> None:
    _, state = demo
    (staff,) = _project(state, "LOTI staff")
    approvals = [m for m in _bot_items(state, "Message") if m["bucket_id"] == staff["id"]]
    assert len(approvals) == 1
    intros = [c for c in _bot_items(state, "Comment") if "you're paired" in c["content"]]
    assert len(intros) >= 4
    member_sgids = {sign_sgid(state.secret, "Person", _person(state, n.split()[0])["id"]): n
                    for n, _, _ in MEMBERS}
    pairs = [frozenset(s for s in re.findall(r'sgid="([^"]+)"', c["content"])
                       if s in member_sgids) for c in intros]
    assert all(len(p) == 2 for p in pairs)  # each introduction mentions both people
    assert len(set(pairs)) == len(pairs)


def test_nothing_is_posted_twice_and_no_secret_is_shown(demo) -> None:
    out, state = demo
    assert "Nothing was posted twice: 0 items recorded twice, 0 made without a record." in out
    # Two nudges may read the same (nothing changed between them); comments never should.
    posted = Counter((r["parent_id"], r["content"]) for r in _bot_items(state, "Comment"))
    assert [k for k, n in posted.items() if n > 1] == []
    names = [p["name"] for p in state.projects.values()]
    assert names.count(COHORT) == 1
    for secret in (state.auth["access_token"], state.auth["refresh_token"],
                   "sandbox-client-secret"):
        assert secret not in out
    assert out.rstrip().endswith("Demo finished.")


# ---- the story is told in staff words; the log goes to a file it names -----------------------

LOG_LINE = re.compile(r"\b(INFO|DEBUG|WARNING|ERROR)\b|\blog bot\.|outbox")
KEYLIKE = re.compile(r"\b(signup|event|cohort|mentoring|ack|staff):[\w.-]+:")


def test_the_story_has_no_log_lines_and_no_keys_and_names_its_log_file(demo) -> None:
    out, _ = demo
    assert [x for x in out.splitlines() if LOG_LINE.search(x)] == []
    assert [x for x in out.splitlines() if KEYLIKE.search(x)] == []
    log = _named_file(out, "The bot's own log of every step").read_text()
    assert "(no warnings or errors)" in out
    assert "outbox: posted message event:lunch-and-learn:2027-01-12:announcement" in log
    assert "sandbox-client-secret" not in log


def test_every_acknowledgement_says_whose_reply_it_was(demo) -> None:
    out, state = demo
    people = {p["name"] for p in state.people.values()}
    story = out.split("\n=== The programme")[0]  # the programme scenes have their own cast
    acks = [x for x in story.splitlines() if "✔ boosted" in x or "✔ answered" in x
            or "✔ took back" in x]
    assert len(acks) >= 20
    for line in acks:
        who = re.search(r"(?:boosted|answered|acknowledgement on) (.+?)'s reply", line)
        assert who and who.group(1) in people, line
    assert "answered Deborah Osei's reply" in out  # her question, answered in a comment
    assert "took back the out-of-date acknowledgement on Hannah Wright's reply" in out


def test_an_out_of_office_reply_is_shown_as_set_aside(demo) -> None:
    out, _ = demo
    assert "set aside Ellen Murphy's out-of-office reply" in out


def test_introductions_are_shown_in_full(demo) -> None:
    out, state = demo
    intros = [c for c in _bot_items(state, "Comment") if "you're paired" in c["content"]]
    assert intros
    for intro in intros:
        text = html_to_text(intro["content"])
        for line in (x.strip() for x in text.splitlines()):
            if line and ", meet " not in line:  # that one names both people, below
                assert f"│ {line}" in out, line
    assert out.count("Why we matched you:") == len(intros)
    assert "│ @Aisha Khan, meet @Ellen Murphy: you're paired" in out


def test_the_transcript_shows_every_thread_as_members_see_it(demo) -> None:
    out, state = demo
    page = _named_file(out, "What members saw, thread by thread").read_text()
    for message in (r for r in state.recordings.values() if r["type"] == "Message"):
        assert html.escape(message["subject"], quote=False) in page, message["subject"]
    members = {n for n, _, _ in MEMBERS}
    for comment in (r for r in state.recordings.values() if r["type"] == "Comment"
                    and r["status"] == "active"):
        author = state.people[comment["creator_id"]]["name"]
        if author in members:  # every member's reply, in her words
            words = html.escape(html_to_text(comment["content"]).strip(), quote=False)
            assert words in page, words
    for boost in state.boosts.values():
        assert str(escape(boost["content"])) in page
    assert '<span class="mention">@Hannah Wright</span>' in page
    assert "bc-attachment" not in page and "{{" not in page and "&lt;div" not in page


def test_the_signups_page_charts_each_thread_by_organisation(demo) -> None:
    out, _ = demo
    page = _named_file(out, "Sign-ups by organisation (chart)").read_text()
    assert page.count("<svg") >= 2
    assert "Lunch and learn, Tuesday 12 January 2027" in page
    assert "London Borough of Sutton: 1 taken" in page  # Hannah, promoted from the waitlist
    assert "Confident Digital Leaders, spring 2027" in page
