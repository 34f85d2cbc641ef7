"""Requests for one poll cycle in which many replies need a staff contact or a question.

Each question reply ("Can I bring my laptop?") names the event's staff contact and each
unclear reply ("Could I be considered?", which the reader is unsure of) gets a question back;
the project's people are listed once per cycle however many such replies arrive. The last two
columns count the bot's comments that mention the staff contact and the replier.
    .venv/bin/python bench/bench_asking.py [--replies 40] [--people 80]
"""

from __future__ import annotations

import argparse
import base64
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_signups import _cycle, _open, _world

from bot.basecamp.pacing import Pacer


def run(replies: int, people: int, workdir: Path) -> dict:
    """One cycle with `replies` replies (half questions, half unclear) on a big project."""
    sandbox, ctx, store, engine = _world(workdir, "asking", Pacer(10_000, 1.0), None)
    try:
        project = sandbox.add_project("Network")
        staff = sandbox.add_person("Nadia Rossi", "nadia@loti.london")
        crowd = [sandbox.add_person(f"P {i}", f"p{i}@camden.gov.uk") for i in range(people)]
        sandbox.grant(project["id"], [staff["id"], *(p["id"] for p in crowd)])
        mid = _open(sandbox, ctx, project, 0, 40)
        ctx, _ = _cycle(sandbox, ctx)
        for i, person in enumerate(crowd[:replies]):
            text = "Can I bring my laptop?" if i % 2 else "Could I be considered?"
            sandbox.post_comment(person["id"], mid, f"<div>{text}</div>")
        start = len(sandbox.request_log)
        ctx, result = _cycle(sandbox, ctx)
        log = sandbox.request_log[start:]
        path = f"/projects/{project['id']}/people.json"
        said = _bot_mentions(sandbox)
        return {
            "replies": result.handled,
            "requests": len(log),
            "people_listings": sum(1 for r in log if r.method == "GET" and path in r.path),
            "writes": sum(1 for r in log if r.method != "GET"),
            "to_staff": sum(staff["id"] in ids for ids in said),
            "asked_back": sum(bool(ids & {p["id"] for p in crowd}) and staff["id"] not in ids
                              for ids in said),
        }
    finally:
        store.close()
        engine.dispose()
        sandbox.stop()


def _bot_mentions(sandbox) -> list[set[int]]:
    """For each comment the bot wrote, the ids of the people it mentions."""
    out = []
    with sandbox.lock:
        for rec in sandbox.state.recordings.values():
            if rec["type"] == "Comment" and rec["creator_id"] == sandbox.state.bot_person_id:
                gids = [base64.b64decode(sgid).decode("latin-1")
                        for sgid in re.findall(r'sgid="([^"-]+)--', rec.get("content", ""))]
                out.append({int(x) for g in gids for x in re.findall(r"Person/(\d+)", g)})
    return out


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=40)
    parser.add_argument("--people", type=int, default=80)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        got = run(args.replies, args.people, Path(tmp))
    print(f"{'replies':>8} {'requests':>9} {'people GETs':>12} {'writes':>7} "
          f"{'to staff':>9} {'asked back':>11}")
    print(f"{got['replies']:>8} {got['requests']:>9} {got['people_listings']:>12} "
          f"{got['writes']:>7} {got['to_staff']:>9} {got['asked_back']:>11}")


if __name__ == "__main__":
    main()
