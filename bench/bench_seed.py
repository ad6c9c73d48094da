"""Time the demo data at district size: `seed_demo` into a fresh SQLite file (and PostgreSQL when given), and
`demo_oneroster` into a temporary folder. Prints elapsed time and rows per second for each.

    .venv/bin/python bench/bench_seed.py                       # SQLite + CSV, district size (a few minutes)
    .venv/bin/python bench/bench_seed.py --database-url postgres://postgres@127.0.0.1:5432/pollinate_bench
    .venv/bin/python bench/bench_seed.py --size small --skip-csv

PostgreSQL: the database named in the URL is DROPPED and created again (so its name must contain "bench"), then
migrated; the timing is of a load into an empty database. `--with-reset` also times `seed_demo --reset` there.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
LOADED = re.compile(r"Loaded .*?: ([\d,]+) records")
ROW_LINE = re.compile(r"^\s+(\S+\.csv)\s+([\d,]+)$", re.MULTILINE)


def _run(args: list[str], database_url: str | None = None) -> tuple[str, float]:
    env = {**os.environ, "DJANGO_DEBUG": "true"}
    if database_url:
        env["DATABASE_URL"] = database_url
    started = time.perf_counter()
    done = subprocess.run([*MANAGE, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"failed: {' '.join(args)}")
    return done.stdout, elapsed


def _report(label: str, rows: int, seconds: float) -> None:
    print(f"{label:<40} {rows:>10,} rows  {seconds:8.1f} s  {rows / seconds:>10,.0f} rows/s")


def bench_database(label: str, database_url: str, size: str, *, reset: bool = False) -> None:
    _run(["migrate", "--noinput", "-v", "0"], database_url)
    args = ["seed_demo", "--size", size, "--quiet", *(["--reset"] if reset else [])]
    out, seconds = _run(args, database_url)
    found = LOADED.search(out)
    if not found:
        raise SystemExit(f"seed_demo did not load anything:\n{out}")
    action = "seed_demo --reset" if reset else "seed_demo"
    _report(f"{action} --size {size} ({label})", int(found.group(1).replace(",", "")), seconds)


def recreate_postgres_database(database_url: str) -> None:
    import psycopg
    from psycopg import sql

    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: the benchmark database's name must contain 'bench'")
    server = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def bench_csv(size: str) -> None:
    with tempfile.TemporaryDirectory(prefix="pollinate-oneroster-") as outdir:
        out, seconds = _run(["demo_oneroster", outdir, "--size", size, "--quiet"])
        rows = sum(int(n.replace(",", "")) for _name, n in ROW_LINE.findall(out))
        megabytes = sum(p.stat().st_size for p in Path(outdir).iterdir()) / 1e6
    _report(f"demo_oneroster --size {size} (CSV)", rows, seconds)
    print(f"{'':<40} {megabytes:>10.1f} MB written")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="district", choices=["tiny", "small", "district"])
    parser.add_argument(
        "--database-url",
        help="also time PostgreSQL (postgres://.../NAME, NAME containing 'bench'; it is dropped and created again)",
    )
    parser.add_argument("--with-reset", action="store_true", help="on PostgreSQL, also time replacing the district")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-csv", action="store_true")
    options = parser.parse_args(argv)
    print(f"demo data benchmark, size {options.size}, {os.cpu_count()} CPUs")
    if not options.skip_sqlite:
        with tempfile.TemporaryDirectory(prefix="pollinate-bench-") as folder:
            bench_database("SQLite", f"sqlite:///{folder}/bench.sqlite3", options.size, reset=False)
    if options.database_url:
        recreate_postgres_database(options.database_url)
        bench_database("PostgreSQL", options.database_url, options.size)
        if options.with_reset:
            bench_database("PostgreSQL", options.database_url, options.size, reset=True)
    if not options.skip_csv:
        bench_csv(options.size)


if __name__ == "__main__":
    main()
