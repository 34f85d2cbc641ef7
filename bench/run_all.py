"""Every figure in docs/benchmarks.md, in one command: `make bench` (or this script).

Prints the machine first (cores, memory, Python, load), then each benchmark in turn:
    .venv/bin/python bench/run_all.py [--quick]
--quick leaves out the previous matcher's slowest rounds (minutes each).
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# (title, script, arguments)
BENCHES = [
    ("Requests per idle poll (ThreadReader alone)", "bench_idle_poll.py", []),
    ("Sign-ups: idle cycles and the 500-reply burst at default pacing", "bench_signups.py", []),
    ("Asking when unsure: one cycle of 40 question and unclear replies", "bench_asking.py", []),
    ("Matching: previous matcher against current", "bench_matching.py", []),
    ("Worker and CLI start-up", "bench_worker.py", []),
]


def machine() -> str:
    """Cores, memory, Python and load, so figures can be compared fairly."""
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal:")), "0")  # fmt: skip
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores, {int(mem) / 2**20:.0f} GiB memory, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}, "
            f"load average {load}")  # fmt: skip


def main() -> int:
    """Run each bench script in turn; non-zero if any failed."""
    quick = "--quick" in sys.argv
    print(f"machine: {machine()}\n", flush=True)
    failed = 0
    for title, script, args in BENCHES:
        extra = ["--quick"] if quick and script == "bench_matching.py" else []
        print(f"== {title} ({script})", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / script), *args, *extra])
        failed += code != 0
        print(f"   [{time.perf_counter() - start:.0f} s{'' if code == 0 else ', FAILED'}]\n",
              flush=True)  # fmt: skip
    print(f"machine at the end: {machine()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
