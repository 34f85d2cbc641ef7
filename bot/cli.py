"""The `loti-bot` command line: run, tick, check, migrate, demo, and each feature's commands."""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import sys
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import click

from bot.logs import REDACTOR, setup_logging

if TYPE_CHECKING:
    # Settings pull in pydantic-settings (about 0.2 s): loaded only when a command runs.
    from bot.settings import DatabaseSettings, Settings

log = logging.getLogger("bot.cli")

EXIT_USAGE = 2  # settings or config are wrong: a person must fix a file or a variable


class _Group(click.Group):
    """A group whose -v/--verbose also works after the command (`loti-bot check -v`)."""

    VERBOSE = ("-v", "--verbose")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Everything after `--` is a value (e.g. `classify -- -v`), never an option.
        cut = args.index("--") if "--" in args else len(args)
        head, tail = args[:cut], args[cut:]
        if any(a in self.VERBOSE for a in head) and "--help" not in head:
            head = ["--verbose"] + [a for a in head if a not in self.VERBOSE]
        return super().parse_args(ctx, head + tail)


@click.group(cls=_Group)
@click.option("--verbose", "-v", is_flag=True, help="Log debugging detail (still without secrets).")
@click.option("--env-file", default=".env", show_default=True, help="Optional file of settings.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool, env_file: str) -> None:
    """LOTI's Women's Digital Leaders Network bot for Basecamp."""
    setup_logging(verbose)
    ctx.obj = {"verbose": verbose, "env_file": env_file}


def _settings(cls: type[DatabaseSettings] | None = None) -> Any:
    """The settings (`Settings` unless `cls` says otherwise), or exit with the reason."""
    from bot.settings import Settings, SettingsError, load_settings

    env_file = click.get_current_context().find_root().obj["env_file"]
    try:
        settings = load_settings(cls or Settings, env_file=env_file)
    except SettingsError as err:
        click.echo(str(err), err=True)
        sys.exit(EXIT_USAGE)
    for secret in settings.secret_values():
        REDACTOR.add(secret)
    return settings


def _fail(message: str, code: int = 1) -> None:
    click.echo(REDACTOR.redact(message), err=True)
    sys.exit(code)


def _context(settings: Settings, now: datetime | None = None, dry_run: bool = False) -> Any:
    """build_context with the errors a person can act on turned into one clear line."""
    from sqlalchemy.exc import OperationalError

    from bot.basecamp.errors import BasecampError
    from bot.config import ConfigError
    from bot.jobs.context import build_context

    try:
        return build_context(settings, now=now, dry_run=dry_run)
    except ConfigError as err:
        _fail(f"config error: {err}", EXIT_USAGE)
    except BasecampError as err:
        _fail(f"cannot reach Basecamp: {err}")
    except OperationalError as err:
        _fail(f"cannot use the database: {_first_line(err)}")


def _first_line(err: BaseException) -> str:
    # SQLAlchemy appends the SQL and a help link; the driver's first line says what went wrong.
    return str(getattr(err, "orig", None) or err).strip().splitlines()[0]


@cli.command()
def migrate() -> None:
    """Create or upgrade the database schema (the PaaS release phase runs this)."""
    from sqlalchemy.exc import OperationalError

    from bot.settings import DatabaseSettings
    from bot.store.db import make_engine
    from bot.store.db import migrate as run_migrations

    settings = _settings(DatabaseSettings)
    engine = make_engine(settings.database_url)
    try:
        run_migrations(engine)
    except OperationalError as err:
        _fail(f"cannot use the database: {_first_line(err)}")
    finally:
        engine.dispose()
    log.info("migrate: the database schema is up to date")


@cli.command()
def run() -> None:
    """Run the worker in the foreground: poll replies and post what is due, until SIGTERM."""
    from bot.worker import Worker

    settings = _settings()
    ctx = _context(settings)
    worker = Worker(ctx, poll_seconds=settings.loti_poll_seconds,
                    lease_ttl=timedelta(seconds=settings.loti_lease_seconds))
    code = worker.run()
    logging.shutdown()
    if code:
        os._exit(code)  # a step is stuck in I/O: leave without waiting for its thread


def parse_now(value: str | None, tz: ZoneInfo) -> datetime | None:
    """ISO-8601 to an aware datetime; a time without a zone is read in the network's zone."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO-8601 date and time, "
                                 "e.g. 2026-12-08T09:00 or 2026-12-08T09:00:00+00:00") from None
    return when if when.tzinfo else when.replace(tzinfo=tz)


@cli.command()
@click.option("--now", "now_text", metavar="ISO-8601", help="Run as if it were this time.")
@click.option("--dry-run", is_flag=True, help="Show what would be posted; post and record nothing.")
def tick(now_text: str | None, dry_run: bool) -> None:
    """One planner pass and one poll, then exit."""
    from bot.worker import Lease, holder_id, run_once

    settings = _settings()
    now = parse_now(now_text, settings.tz)
    ctx = _context(settings, now=now, dry_run=dry_run)
    lease = None
    try:
        if not dry_run:
            lease = Lease(ctx.store, "tick:" + holder_id(), timedelta(minutes=10))
            if not lease.acquire(ctx.now):
                current = lease.current()
                holder = current[0] if current else "another worker"
                lease = None
                _fail(f"tick: {holder} is running on this database; not acting "
                      "(use --dry-run to see what is due)")
        log.info("tick: at %s%s", ctx.now.isoformat(), " (dry run)" if dry_run else "")
        failures = run_once(ctx)
    finally:
        if lease is not None:
            lease.release()
        ctx.close()
    if dry_run:
        log.info("tick: dry run finished; nothing was posted or recorded")
    if failures:
        _fail(f"tick: {failures} planner(s) failed; see the log above")


@cli.command()
@click.option("--online", is_flag=True,
              help="Also check that the projects, templates and people named exist in Basecamp.")
def check(online: bool) -> None:
    """Validate settings, config and every template; exit non-zero with file:line on an error."""
    from bot.config import ConfigError, load_config

    settings = _settings()
    try:
        config = load_config(settings.loti_config_dir)
    except ConfigError as err:
        _fail(f"config error: {err}", EXIT_USAGE)
    from bot.render import check_templates

    problems = check_templates(settings.loti_templates_dir, config)
    for problem in problems:
        click.echo(f"template error: {problem}", err=True)
    if problems:
        sys.exit(EXIT_USAGE)
    files = ", ".join(p.name for p in config.source_files)
    click.echo(f"ok: settings, config ({files}) and templates are valid")
    if online:
        _check_online(settings, config)


def _check_online(settings: Settings, config: Any) -> None:
    """Read (never write) the Basecamp account and compare it with the names in config."""
    from bot.basecamp.errors import BasecampError
    from bot.config.online import Account, online_problems

    client = _plain_client(settings)
    try:
        projects = {p.name: p.id for p in client.projects()}
        templates = {t.name for t in client.templates()}
        emails = {(p.email_address or "").lower() for p in client.people()}
    except BasecampError as err:
        _fail(f"cannot reach Basecamp: {err}")
    problems = online_problems(config, Account(projects, templates, emails))
    for problem in problems:
        click.echo(f"config error: {problem}", err=True)
    if problems:
        sys.exit(EXIT_USAGE)
    click.echo(f"ok: every project, template and person named is in Basecamp account "
               f"{settings.basecamp_account_id} ({len(projects)} projects, "
               f"{len(emails)} people read)")


def _plain_client(settings: Settings) -> Any:
    """A Basecamp client from the settings alone (no database), for one-off commands."""
    from bot.basecamp.client import BasecampClient

    secret = settings.basecamp_client_secret
    refresh = settings.basecamp_refresh_token
    return BasecampClient(
        settings.basecamp_account_id, settings.basecamp_access_token.get_secret_value(),
        settings.basecamp_user_agent, api_url=settings.basecamp_api_url,
        launchpad_url=settings.basecamp_launchpad_url,
        refresh_token=refresh.get_secret_value() if refresh else None,
        client_id=settings.basecamp_client_id,
        client_secret=secret.get_secret_value() if secret else None)


@cli.command()
@click.option("--steps", type=int, default=None, help="Run only the first N steps (default all).")
@click.option("--state-file", type=click.Path(dir_okay=False), default=None,
              help="Keep the sandbox's final state in this JSON file.")
def demo(steps: int | None, state_file: str | None) -> None:
    """Run the bot against an in-process Basecamp sandbox and show what it does."""
    from bot.demo import run_demo

    run_demo(steps=steps, state_file=state_file)


# Feature commands: registered when their module exists (each part lands on its own).
# module -> the command's attribute name, or None to take the module's click commands.
FEATURE_COMMANDS: dict[str, str | None] = {
    "bot.commands.sandbox": "sandbox_command",
    "bot.commands.preview": None,
    "bot.commands.classify": None,
    "bot.commands.signups": None,
    "bot.commands.mentoring": None,
    "bot.commands.auth": "auth_command",
    "bot.commands.status": "status_command",
    "bot.commands.ideas": None,
    "bot.commands.report": None,
}


def register_feature_commands(group: click.Group) -> list[str]:
    """Add each feature module's commands to the group; return the names added."""
    added = []
    for module_name, attr in FEATURE_COMMANDS.items():
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if attr is not None:
            commands = [getattr(module, attr)]
        else:
            found = [v for v in vars(module).values() if isinstance(v, click.Command)
                     and getattr(v.callback, "__module__", None) == module_name]
            groups = [c for c in found if isinstance(c, click.Group)]
            commands = groups or found  # a group's own subcommands are not top-level commands
        for command in commands:
            if command.name not in group.commands:
                group.add_command(command)
                added.append(command.name)
    return added


register_feature_commands(cli)


def main() -> None:
    """Entry point for `loti-bot` and `python -m bot`."""
    cli(prog_name="loti-bot")
