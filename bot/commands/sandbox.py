"""`loti-bot sandbox`: run the Basecamp-compatible sandbox server for the demo."""

from __future__ import annotations

import json
import signal
import threading

import click


@click.command("sandbox")
@click.option("--port", type=int, default=3999, show_default=True, help="Port on 127.0.0.1.")
@click.option("--state-file", type=click.Path(dir_okay=False),
              help="Keep the sandbox's data in this JSON file (loaded if it exists).")
@click.option("--seed", type=click.Choice(["demo"]), help="Add demo people and projects.")
@click.option("--no-rate-limit", is_flag=True, help="Turn off the 50 requests / 10 s limit.")
def sandbox_command(port: int, state_file: str | None, seed: str | None,
                    no_rate_limit: bool) -> None:
    """Run a Basecamp stand-in on loopback until interrupted (Ctrl-C)."""
    from bot.sandbox import Sandbox
    from bot.sandbox.seed import seed as run_seed

    sb = Sandbox(state_file=state_file, port=port)
    if no_rate_limit:
        sb.rate_limit(enabled=False)
    if seed and not sb.state.projects:
        run_seed(sb, seed)
    sb.start()
    info = sb.info()
    click.echo("Basecamp sandbox running. Point the bot at it with:")
    click.echo(f"  BASECAMP_API_URL={info['api_url']}")
    click.echo(f"  BASECAMP_LAUNCHPAD_URL={info['launchpad_url']}")
    click.echo(f"  BASECAMP_ACCOUNT_ID={info['account_id']}")
    click.echo("  (tokens: GET /__sandbox/info; control API under /__sandbox/)")
    if state_file:
        click.echo(f"State file: {state_file}")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        sb.stop()
        click.echo(json.dumps({"requests": len(sb.request_log)}))
