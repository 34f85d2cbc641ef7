"""Worker and CLI start-up: time to the first poll, idle worker memory, `--help` and `check`.

Starts `python -m bot run` against the in-process sandbox with a SQLite database, exactly as
a PaaS would start it, and watches the sandbox for the poll's first listing request.
    .venv/bin/python bench/bench_worker.py
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.sandbox import Sandbox

REPO = Path(__file__).resolve().parents[1]
USER_AGENT = "LOTI bench (bench@loti.test)"
LOTI_BOT = str(Path(sys.executable).with_name("loti-bot"))
LOG = open(os.devnull, "w")  # noqa: SIM115  (set BENCH_WORKER_LOG to see the worker)
if os.environ.get("BENCH_WORKER_LOG"):
    LOG = open(os.environ["BENCH_WORKER_LOG"], "w")  # noqa: SIM115
POLL_PATHS = ("/comments", "/projects/recordings")  # the first poll: thread read, listing


def _env(sandbox: Sandbox, database_url: str) -> dict[str, str]:
    return {**os.environ,
            "BASECAMP_ACCOUNT_ID": str(sandbox.account_id),
            "BASECAMP_ACCESS_TOKEN": sandbox.token,
            "BASECAMP_REFRESH_TOKEN": sandbox.refresh_token,
            "BASECAMP_CLIENT_ID": sandbox.client_id,
            "BASECAMP_CLIENT_SECRET": sandbox.client_secret,
            "BASECAMP_USER_AGENT": USER_AGENT,
            "BASECAMP_API_URL": sandbox.api_url,
            "BASECAMP_LAUNCHPAD_URL": sandbox.launchpad_url,
            "DATABASE_URL": database_url,
            "LOTI_CONFIG_DIR": str(REPO / "config"),
            "LOTI_TEMPLATES_DIR": str(REPO / "templates"),
            "LOTI_POLL_SECONDS": "60",
            "LOTI_TIMEZONE": "Europe/London"}  # fmt: skip


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_start(sandbox: Sandbox, env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds from process start to the first poll's listing request, the worker's CPU
    seconds by then, and its RSS when idle (MB)."""
    before = len(sandbox.request_log)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=REPO, env=env,
                            stdout=LOG, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        first = cpu = None
        while time.perf_counter() - started < 60 and proc.poll() is None:
            if any(p in r.path for r in sandbox.request_log[before:] for p in POLL_PATHS):
                first = time.perf_counter() - started
                cpu = _cpu_s(proc.pid)
                break
            time.sleep(0.005)
        if first is None:
            raise RuntimeError(f"the worker never polled (exit code {proc.poll()})")
        time.sleep(5)  # first cycle over, now idle until the next minute
        return first, cpu or 0.0, _rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(30)


def wall(args: list[str], env: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of `runs` runs of a command (all must succeed)."""
    times, cpus = [], []
    for _ in range(runs):
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, cwd=REPO, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime)
    return times, cpus


def _fmt(times: list[float], cpus: list[float] | None = None) -> str:
    text = (f"median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs)")  # fmt: skip
    if cpus:
        text += (f"; CPU median {statistics.median(cpus):.2f} s "
                 f"(min {min(cpus):.2f}, max {max(cpus):.2f})")  # fmt: skip
    return text


def _watch(database_url: str, message_id: int, project_id: int) -> None:
    """One open thread, so each poll reads something (an empty poll sends nothing)."""
    from bot.store.db import Store, make_engine
    from bot.threads import ThreadReader

    engine = make_engine(database_url)
    try:
        ThreadReader(Store(engine), None, 0).watch(message_id, project_id, "signup", "bench")
    finally:
        engine.dispose()


def main() -> None:
    """Print the figures."""
    sandbox = Sandbox().start()
    try:
        project = sandbox.add_project("Women's Digital Leaders Network")  # as network.yaml
        board = next(t["id"] for t in project["dock"] if t["name"] == "message_board")
        message = sandbox.post_message(sandbox.bot_person["id"], board, "Sign up", "<div>Hi</div>")
        with tempfile.TemporaryDirectory() as tmp:
            env = _env(sandbox, f"sqlite:///{tmp}/bot.sqlite3")
            subprocess.run([LOTI_BOT, "migrate"], cwd=REPO, env=env, check=True,
                           capture_output=True)  # fmt: skip
            _watch(env["DATABASE_URL"], message["id"], project["id"])
            runs = int(os.environ.get("BENCH_WORKER_RUNS", "3"))
            starts = [worker_start(sandbox, env) for _ in range(runs)]
            first = [s[0] for s in starts]
            rss = [s[2] for s in starts]
            print(f"start to first poll: {_fmt(first, [s[1] for s in starts])}")
            print(f"idle worker RSS: median {statistics.median(rss):.0f} MB "
                  f"(min {min(rss):.0f}, max {max(rss):.0f})")  # fmt: skip
            print(f"loti-bot --help: {_fmt(*wall([LOTI_BOT, '--help'], env, 5))}")
            print(f"loti-bot check: {_fmt(*wall([LOTI_BOT, 'check'], env, 3))}")
    finally:
        sandbox.stop()


if __name__ == "__main__":
    main()
