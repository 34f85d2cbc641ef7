"""The long chaos season: `make chaos` (about 200 cycles, 300 replies, all fault kinds; with a
cohort set-up and a mentoring round alongside the sign-ups).

Run: .venv/bin/python -m tests.chaos.long_season [--seed N] [--cycles 200] [--replies 300]
     [--db postgres|sqlite]
The faulty run uses PostgreSQL by default (two workers' engines on one database, as in
production); the calm run SQLite. Prints the figures and exits 1 on any duplicate write or
any difference from the calm run (the seed reproduces a failure).
"""

from __future__ import annotations

import argparse
import difflib
import logging
import pprint
import sys
import tempfile
import uuid
from collections import Counter
from pathlib import Path

from bot.jobs import poll
from bot.sandbox import Sandbox
from tests.chaos.season import Faults, Season, make_plan


def _postgres() -> tuple[str, object]:
    import psycopg

    from tests.conftest import POSTGRES_URL, _postgres_schema_url

    schema = f"chaos_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://"),
                            autocommit=True, connect_timeout=5)
    admin.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()

    return _postgres_schema_url(schema), drop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--replies", type=int, default=300)
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    args = parser.parse_args(argv)
    # The figures are the output; faults log by the thousand (a duplicate's keys still show).
    logging.basicConfig(level=logging.CRITICAL)
    logging.getLogger("tests.chaos.report").setLevel(logging.WARNING)
    poll.load_handlers()
    tmp = Path(tempfile.mkdtemp(prefix="loti-chaos-"))
    plan = make_plan(args.seed, replies=args.replies, cycles=args.cycles, people=120)
    drop = None
    if args.db == "postgres":
        stormy_db, drop = _postgres()
    else:
        stormy_db = f"sqlite:///{tmp / 'stormy.sqlite3'}"
    calm_sb, stormy_sb = Sandbox().start(), Sandbox().start()
    try:
        calm = Season(calm_sb, f"sqlite:///{tmp / 'calm.sqlite3'}", tmp / "calm", plan,
                      args.seed).run()
        stormy = Season(stormy_sb, stormy_db, tmp / "stormy", plan, args.seed, Faults()).run()
    finally:
        calm_sb.stop()
        stormy_sb.stop()
        if drop is not None:
            drop()
    different = [k for k in calm.state if stormy.state.get(k) != calm.state[k]]
    print(f"chaos season, seed {args.seed}, faulty run on {args.db}")
    kinds = Counter(a[0] for acts in plan.actions.values() for a in acts)
    print(f"  plan: {plan.replies} replies on {plan.events} announcements, "
          f"{kinds['edit']} edits and {kinds['trash']} trashes; 2 cohorts set up; mentoring: "
          f"{kinds['mreply']} replies to the call, {kinds['medit']} edit, "
          f"{kinds['mwithdraw']} withdrawal, staff approval")
    print(f"  cycles: {stormy.cycles} ({stormy.failed_cycles} ended early: "
          f"{dict(stormy.failures)})")
    print(f"  faults injected: {sum(stormy.injected.values())} {dict(stormy.injected)} "
          f"+ 10% 5xx on every request")
    print(f"  writes: {stormy.writes} (calm run: {calm.writes})")
    print(f"  duplicates: {len(stormy.duplicates)} {stormy.duplicates[:5]}")
    print(f"  differences from the calm run: {different or 'none'}")
    for key in different:  # what differs, calm (-) against faulty (+), so it can be read
        calm_text = pprint.pformat(calm.state[key], width=160).splitlines(keepends=True)
        stormy_text = pprint.pformat(stormy.state.get(key), width=160).splitlines(keepends=True)
        print("".join(list(difflib.unified_diff(calm_text, stormy_text, "calm", "faulty"))[:60]))
    print(f"  time: {stormy.seconds:.1f}s faulty, {calm.seconds:.1f}s calm")
    return 1 if stormy.duplicates or calm.duplicates or different else 0


if __name__ == "__main__":
    sys.exit(main())
