"""Run every benchmark at full size on SQLite and PostgreSQL, one after another, printing their figures.

Slow (tens of minutes on 2 cores). Each benchmark can also be run alone; see its --help.
PostgreSQL runs use databases whose names contain "bench" (dropped and recreated).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PG = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/pollinate_bench")

RUNS = [
    ["bench_import.py"],
    ["bench_import.py", "--database-url", PG],
    ["bench_seed.py"],
    ["bench_learning.py"],
    ["bench_learning.py", "--database-url", PG],
    ["bench_mastery.py"],
    ["bench_mastery.py", "--database-url", PG],
    ["bench_level_only.py"],
    ["bench_framework_import.py"],
    ["bench_framework_import.py", "--database-url", PG],
    # Needs the benchmark-only virtualenv with pyBKT's C++ build (bench/bkt_requirements.txt); without it, ours only.
    ["bench_bkt.py", "--synthetic"],
    ["bench_scheduling.py"],
    ["bench_coverage.py"],
    ["bench_coverage.py", "--database-url", PG],
]


def main() -> int:
    failed = 0
    for args in RUNS:
        print(f"\n=== {' '.join(args)}", flush=True)
        result = subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]], cwd=HERE.parent, check=False)
        failed |= result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
