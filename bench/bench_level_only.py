"""Bulk mastery recompute, the calculation alone: ``level_only`` on 1,000,000 learner x competency pairs.

    .venv/bin/python bench/bench_level_only.py            # every method, 1 M pairs of 5 scores each
    .venv/bin/python bench/bench_level_only.py --pairs 100000

Target (issue 4): well under 60 s per method in CPython. Exits 1 when a method takes 60 s or more.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)

TARGET_S = 60.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--scores", type=int, default=5)
    args = parser.parse_args(argv)
    import django

    django.setup()
    from pollinate.mastery.calculations import METHODS, level_only

    rng = random.Random(4)
    data = [[float(rng.randint(1, 4)) for _ in range(args.scores)] for _ in range(args.pairs)]
    print(f"{args.pairs:,} learner x competency pairs of {args.scores} scores (levels 1-4), CPython")
    worst = 0.0
    for method in METHODS:
        start = time.perf_counter()
        for levels in data:
            level_only(method, levels)
        took = time.perf_counter() - start
        worst = max(worst, took)
        print(f"{method:<18} {took:6.2f} s  ({took / args.pairs * 1e6:.2f} µs per pair)")
    print(f"slowest {worst:.2f} s; target < {TARGET_S:g} s: {'met' if worst < TARGET_S else 'MISSED'}")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
