"""`loti-bot sandbox`: run the Basecamp-compatible sandbox server for rehearsals and the demo."""

from __future__ import annotations

import json
import os
import shlex
import signal
import threading
from pathlib import Path
from typing import Any

import click

REHEARSAL_USER_AGENT = "LOTI Network Bot rehearsal (network-bot@loti.london)"
REHEARSAL_DATABASE = "sqlite:///rehearsal.sqlite3"  # never the production database


def connection_lines(info: dict[str, Any], database_url: str = REHEARSAL_DATABASE) -> list[str]:
    """`export NAME=value` lines that point the bot at this sandbox, ready to paste."""
    values = {
        "BASECAMP_API_URL": info["api_url"],
        "BASECAMP_LAUNCHPAD_URL": info["launchpad_url"],
        "BASECAMP_ACCOUNT_ID": str(info["account_id"]),
        "BASECAMP_ACCESS_TOKEN": info["access_token"],
        "BASECAMP_REFRESH_TOKEN": info["refresh_token"],
        "BASECAMP_CLIENT_ID": info["client_id"],
        "BASECAMP_CLIENT_SECRET": info["client_secret"],
        "BASECAMP_USER_AGENT": REHEARSAL_USER_AGENT,
        "DATABASE_URL": database_url,
    }
    return [f"export {name}={shlex.quote(value)}" for name, value in values.items()]


def _seed(sb: Any, seed: str, config_dir: Path) -> str:
    """Fill the sandbox; returns one line saying what is in it."""
    if seed == "demo":
        from bot.sandbox.seed import seed as run_seed

        run_seed(sb, seed)
        return "Seeded with the demo's people and project."
    from bot.config import ConfigError, load_config
    from bot.sandbox.seed_config import seed_config

    try:
        config = load_config(config_dir)
    except ConfigError as err:
        raise click.ClickException(f"config error: {err}") from None
    seeded = seed_config(sb, config)
    members = sum(len(ids) for ids in seeded.members.values())
    extra = [f"“{n}”" for n in seeded.staff_projects]
    templates = [f"“{n}”" for n in seeded.templates]
    return (f"Seeded from {config_dir}: “{config.network.project.name}” with "
            f"{len(seeded.staff)} staff, {len(seeded.champions)} champions and {members} "
            f"invented members of {len(seeded.members)} organisations"
            + (f"; staff projects {', '.join(extra)}" if extra else "")
            + (f"; templates {', '.join(templates)}" if templates else "") + ".")


@click.command("sandbox")
@click.option("--port", type=int, default=3999, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--state-file", type=click.Path(dir_okay=False),
              help="Keep the sandbox's data in this JSON file (loaded if it exists).")
@click.option("--seed", type=click.Choice(["demo", "config"]),
              help="demo: the demo's people; config: everything the config names "
                   "(projects, template, staff, invented members of every organisation).")
@click.option("--config-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Config to seed from (default: LOTI_CONFIG_DIR, or config/).")
@click.option("--no-rate-limit", is_flag=True, help="Turn off the 50 requests / 10 s limit.")
def sandbox_command(port: int, state_file: str | None, seed: str | None,
                    config_dir: Path | None, no_rate_limit: bool) -> None:
    """Run a Basecamp stand-in on loopback until interrupted (Ctrl-C)."""
    from bot.sandbox import Sandbox

    sb = Sandbox(state_file=state_file, port=port)
    if no_rate_limit:
        sb.rate_limit(enabled=False)
    seeded = None
    if seed and not sb.state.projects:
        config_dir = config_dir or Path(os.environ.get("LOTI_CONFIG_DIR") or "config")
        seeded = _seed(sb, seed, config_dir)
    sb.start()
    click.echo(f"Basecamp sandbox running at {sb.api_url}.")
    if seeded:
        click.echo(seeded)
    click.echo("Point the bot at it by pasting these lines into another terminal:\n")
    for line in connection_lines(sb.info()):
        click.echo(f"  {line}")
    click.echo("\nThen rehearse, e.g. `loti-bot tick --dry-run --now 2027-01-11T09:30`."
               " Control API under /__sandbox/ (info, state, requests, clock).")
    if state_file:
        click.echo(f"State file: {state_file}")
    click.echo("Press Ctrl-C to stop.")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        sb.stop()
        click.echo(json.dumps({"requests": len(sb.request_log)}))
