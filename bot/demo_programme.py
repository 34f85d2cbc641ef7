"""The demo's programme scenes (issue 13): a borough funding a second place, a cohort joining
the network, an ideas round with votes and one idea taken up, and the staff digest's chart.

They run after the main story (`bot.demo.run_demo` calls `run_programme_scenes`) in a sandbox
of their own, with a small network of three boroughs so each scene is easy to follow.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from sqlalchemy import literal_column, select

LONDON = ZoneInfo("Europe/London")
USER_AGENT = "LOTI Network Bot demo (https://loti.london)"
NETWORK = "Women's Digital Leaders Network"

NETWORK_YAML = f"""\
name: {NETWORK}
project: {{name: {NETWORK}}}
staff:
  - {{name: Amara Okafor, email: amara.okafor@loti.london, role: Network lead}}
organisations:
  - {{key: camden, name: Camden, domains: [camden.gov.uk], champion: helen.doyle@camden.gov.uk}}
  - {{key: hackney, name: Hackney, domains: [hackney.gov.uk],
     champion: farah.siddiqui@hackney.gov.uk}}
  - {{key: brent, name: Brent, domains: [brent.gov.uk]}}
"""
COHORTS_YAML = """\
cohorts:
  - key: autumn-2027
    name: Confident Digital Leaders, autumn 2027
    course_start: 2027-11-08
    capacity: 5
    per_org_minimum: 2
    recruitment:
      announce_on: 2027-07-05
      reservation_deadline: 2027-07-23
      closes_on: 2027-07-30
      nudges: [2027-07-19]
      staff_project: LOTI staff room
    staff: [amara.okafor@loti.london]
    reflection: {link: "https://teams.example.org/reflect"}
    funding:
      loti_places: 3
      cost_per_place: 590
      confirmers: [{organisation: camden, email: ruth.obi@camden.gov.uk}]
  - key: partners-2027
    name: Confident Digital Leaders, partners 2027
    course_start: 2027-09-06
    participants_from: list
    participants:
      - {name: Nia Brown, email: nia.brown@brent.gov.uk}
      - {name: Zara Khan, email: zara.khan@hackney.gov.uk}
    staff: [amara.okafor@loti.london]
    reflection: {link: "https://teams.example.org/reflect"}
"""
EVENTS_YAML = """\
events:
  - key: network-social
    title: Network social
    format: in_person
    venue: City Hall, London E16
    dates: [2027-10-26]
    at: "17:30"
    capacity: 40
    leads: {announce_days: 21, remind_days: 1}
"""
IDEAS_YAML = """\
ideas:
  first_call: 2027-10-04
  staff_project: LOTI staff room
  network_summary_after_days: 10
  staff_digest_after_days: 14
"""
DIGEST_YAML = """\
digest:
  staff_project: LOTI staff room
  day_of_month: 1
"""
PEOPLE = [  # (name, email, on the network project)
    ("Amara Okafor", "amara.okafor@loti.london", True),
    ("Helen Doyle", "helen.doyle@camden.gov.uk", True),
    ("Farah Siddiqui", "farah.siddiqui@hackney.gov.uk", True),
    ("Sam Lee", "sam.lee@camden.gov.uk", True),
    ("Ruth Obi", "ruth.obi@camden.gov.uk", True),
    ("Grace Mensah", "grace.mensah@brent.gov.uk", True),
    ("Zara Khan", "zara.khan@hackney.gov.uk", False),
]


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@dataclass(frozen=True)
class Scene:
    """One tick at `when`, then what people do (each action gets the world and the bot's
    outbox records by key)."""

    when: datetime
    title: str
    actions: list[tuple[str, str, str]] = field(default_factory=list)  # (who, outbox key, text)
    boosts: list[tuple[str, str, str]] = field(default_factory=list)  # (who, reply text, label)


RECRUITMENT = "cohort:autumn-2027:recruitment"
SCENES = [
    Scene(london(2027, 7, 5, 9, 30), "Funded places: recruitment opens (LOTI funds 3 of 5)",
          [("Helen", RECRUITMENT, "Count me in please!"),
           ("Farah", RECRUITMENT, "Yes please, I'd love a place."),
           ("Sam", RECRUITMENT, "I'd love a place too, please.")]),
    Scene(london(2027, 7, 6, 9, 30), "Sam waits: only Camden's budget can open a place",
          [("Ruth", "funding:autumn-2027:ask:{Sam}", "Yes, we'll fund it")]),
    Scene(london(2027, 7, 7, 9, 30), "Camden funds Sam's place"),
    Scene(london(2027, 7, 19, 9, 30), "Staff see LOTI's spend and Camden's place"),
    Scene(london(2027, 8, 30, 9, 30), "The partners' cohort is set up"),
    Scene(london(2027, 10, 4, 9, 30), "Ideas: what should LOTI work on next?",
          [("Helen", "ideas:2027-10-04:call", "Shared cyber security training for boroughs"),
           ("Farah", "ideas:2027-10-04:call", "+1"),
           ("Sam", "ideas:2027-10-04:call", "Open data standards across London"),
           ("Grace", "ideas:2027-10-04:call", "Me too!")],
          [("Ruth", "Shared cyber security training for boroughs", "👍"),
           ("Helen", "Shared cyber security training for boroughs", "👍")]),
    Scene(london(2027, 10, 5, 9, 30), "The bot reads the ideas; the network social is announced",
          [("Grace", "event:network-social:2027-10-26:announcement", "Count me in!"),
           ("Sam", "event:network-social:2027-10-26:announcement", "Yes please, see you there")]),
    Scene(london(2027, 10, 11, 14, 5), "The last reflection follow-up invites the cohort along"),
    Scene(london(2027, 10, 14, 9, 30), "What you've proposed so far"),
    Scene(london(2027, 10, 18, 9, 30), "The partners' cohort joins the network; ideas digest",
          [("Amara", "ideas:2027-10-04:digest", "take up 1")]),
    Scene(london(2027, 10, 19, 9, 30), "An idea is taken up"),
    Scene(london(2027, 11, 1, 9, 30), "The monthly staff digest, with its chart"),
]


def _rows(ctx: Any) -> dict[str, Any]:
    from bot.store.outbox_tables import outbox

    with ctx.store.transaction() as conn:
        rows = conn.execute(select(outbox).order_by(literal_column("rowid")))
        return {r.key: r for r in rows}


def run_programme_scenes(templates_dir: str | Path,
                         echo: Callable[[str], Any] = click.echo) -> dict[str, Any]:
    """Run the scenes; return the bot's outbox rows by key (for tests)."""
    from bot.jobs.context import build_context
    from bot.sandbox import Sandbox
    from bot.settings import load_settings
    from bot.worker import run_once

    echo("\n=== The programme: funded places, joining the network, ideas, the staff digest ===")
    with tempfile.TemporaryDirectory(prefix="loti-programme-") as tmp:
        config = Path(tmp) / "config"
        config.mkdir()
        for name, text in (("network.yaml", NETWORK_YAML), ("cohorts.yaml", COHORTS_YAML),
                           ("events.yaml", EVENTS_YAML), ("ideas.yaml", IDEAS_YAML),
                           ("digest.yaml", DIGEST_YAML)):
            (config / name).write_text(text, encoding="utf-8")
        sb = Sandbox(start_time=SCENES[0].when).start()
        sb.rate_limit(requests=10_000, per_seconds=10)
        from bot.logs import REDACTOR

        for secret in (sb.token, sb.refresh_token, sb.client_secret):
            REDACTOR.add(secret)  # never a token in the log, even the sandbox's
        try:
            people = {n.split()[0]: sb.add_person(n, e) for n, e, _ in PEOPLE}
            sb.add_project(NETWORK, people=[people[n.split()[0]]["id"] for n, _, on in PEOPLE
                                            if on])
            sb.add_project("LOTI staff room", people=[people["Amara"]["id"]])
            settings = load_settings(
                env_file=None, basecamp_account_id=sb.account_id,
                basecamp_access_token=sb.token, basecamp_refresh_token=sb.refresh_token,
                basecamp_client_id=sb.client_id, basecamp_client_secret=sb.client_secret,
                basecamp_user_agent=USER_AGENT, basecamp_api_url=sb.api_url,
                basecamp_launchpad_url=sb.launchpad_url,
                database_url=f"sqlite:///{tmp}/programme.sqlite3",
                loti_config_dir=config, loti_templates_dir=Path(templates_dir))
            rows: dict[str, Any] = {}
            between: list[datetime] = []
            for i, scene in enumerate(SCENES):
                # The worker runs all along: posts due on the days between two scenes go out
                # on time (the scene's own run makes those due earlier on its day).
                for due in between:
                    rows = _regular_run(sb, settings, due, rows, echo)
                sb.clock.set(scene.when)
                echo(f"\n— {scene.when:%A %-d %B %Y, %H:%M} — {scene.title}")
                ctx = build_context(settings, now=scene.when)
                try:
                    run_once(ctx)
                    after = _rows(ctx)
                    new = [r for k, r in after.items() if r.status == "done" and k not in rows]
                    for r in new:
                        echo(f"  ✔ {_say(sb, r)}")
                    if not new:
                        echo("  (nothing due)")
                    rows = after
                    _act(sb, ctx, people, scene, echo)
                    following = SCENES[i + 1:]
                    day = (datetime.combine(following[0].when.date(), time(0), LONDON)
                           if following else scene.when)
                    between = _due_between(ctx, scene.when, day)
                finally:
                    ctx.close()
        finally:
            sb.stop()
    return rows


def _due_between(ctx: Any, after: datetime, until: datetime) -> list[datetime]:
    """When cohort and event posts not yet made fall due, after `after` and before `until`."""
    from bot.commands.status import HORIZON, StatusContext, upcoming

    found: set[datetime] = set()
    look = after
    while look < until:  # `upcoming` looks a month ahead at a time
        planned = upcoming(StatusContext(ctx.config, ctx.store, look, ctx.tz))
        found |= {due for due, _, _ in planned if after < due < until}
        look += HORIZON
    return sorted(found)


def _regular_run(sb: Any, settings: Any, due: datetime, rows: dict[str, Any],
                 echo: Callable[[str], Any]) -> dict[str, Any]:
    """One unremarkable tick at `due`, told in one line per write."""
    from bot.jobs.context import build_context
    from bot.worker import run_once

    sb.clock.set(due)
    ctx = build_context(settings, now=due)
    try:
        run_once(ctx)
        after = _rows(ctx)
    finally:
        ctx.close()
    new = [r for k, r in after.items() if r.status == "done" and k not in rows]
    if new:
        echo(f"\n— {due.astimezone(LONDON):%A %-d %B %Y, %H:%M} — the bot's regular run")
        for r in new:
            echo(f"  ✔ {_say(sb, r, preview=False)}")
    return after


def _say(sb: Any, row: Any, preview: bool = True) -> str:
    """One plain line for a write the bot made (the main story's wording, no keys)."""
    from bot.basecamp.richtext import html_to_text
    from bot.demo import describe

    if row.kind == "attachment":
        return "uploaded the chart: members per organisation, by seniority"
    line = describe(sb, row)
    if preview and row.kind == "message" and row.basecamp_id is not None:
        content = (sb.get(row.basecamp_id) or {}).get("content") or ""
        text = " ".join(html_to_text(content).split())
        line += "\n      │ " + text[:150] + ("…" if len(text) > 150 else "")
    return line


def _act(sb: Any, ctx: Any, people: dict[str, dict], scene: Scene,
         echo: Callable[[str], Any]) -> None:
    for who, key, text in scene.actions:
        rec = ctx.outbox.done(key.format(**{k: v["id"] for k, v in people.items()}))
        if rec is None or rec.id is None:
            echo(f"  (nobody could reply: {key} was not posted)")
            continue
        sb.post_comment(people[who]["id"], rec.id, f"<div>{text}</div>")
        echo(f"  💬 {people[who]['name']}: “{text}”")
    for who, reply_text, label in scene.boosts:
        comments = [c for c in sb.recordings("Comment") if reply_text in (c.get("content") or "")]
        if comments:
            sb.boost(people[who]["id"], comments[0]["id"], label)
            echo(f"  {label} {people[who]['name']} boosts “{reply_text}”")
