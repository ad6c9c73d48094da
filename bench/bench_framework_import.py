"""Importing competency frameworks (issue 4): the shared samples, read in place, into a fresh database.

    .venv/bin/python bench/bench_framework_import.py                 # SQLite file in /tmp
    .venv/bin/python bench/bench_framework_import.py --database-url postgres://postgres@127.0.0.1:5432/pollinate_bench_frameworks

For each file: a dry run (read, check, apply, roll back), the first import, and the same file again (which must
change nothing). Files: the 1,189 Common Core ELA standards as a spreadsheet (``ccsso_ela_item.csv``, nested by
smartLevel), OpenSALT's spreadsheet template, and the largest CASE JSON sample (``Ordering.json``). Median of
``--runs`` for each figure, and the number of statements of one import. No target in the issue: figures only,
but a re-import that writes anything fails the run.

A PostgreSQL database named in the URL is DROPPED and created again (its name must contain "bench").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_learning import _configure, _recreate_postgres  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples" / "case" / "opensalt"
FILES = (
    ("ccsso_ela_item.csv", "Common Core ELA"),
    ("sample_case.csv", "OpenSALT template"),
    ("Ordering.json", ""),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    url = args.database_url or f"sqlite:///{Path(tempfile.gettempdir()) / 'pollinate-bench-frameworks.sqlite3'}"
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        _recreate_postgres(url)
    _configure(url)
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pollinate.competencies.models import Framework
    from pollinate.competencies.services.case_import import framework_import_case
    from pollinate.people.models import District

    call_command("migrate", verbosity=0, interactive=False)
    district = District.objects.create(name="Bench Frameworks", slug="bench-frameworks")

    def run(name: str, title: str, *, dry_run: bool) -> tuple[float, object]:
        content = (SAMPLES / name).read_bytes()
        started = time.perf_counter()
        summary = framework_import_case(
            actor=None, district=district, content=content, file_name=name, title=title, dry_run=dry_run
        )
        return (time.perf_counter() - started) * 1000, summary

    print(f"{connection.vendor}: median of {args.runs}")
    print(f"{'file':<22} {'items':>6} {'dry run ms':>11} {'import ms':>10} {'statements':>11} {'again ms':>9}")
    failed = False
    for name, title in FILES:
        dry = statistics.median(run(name, title, dry_run=True)[0] for _ in range(args.runs))
        with CaptureQueriesContext(connection) as captured:
            first_ms, first = run(name, title, dry_run=False)
        again = []
        for _ in range(args.runs):
            took, summary = run(name, title, dry_run=False)
            again.append(took)
            if summary.created or summary.updated or summary.removed:
                failed = True
                print(f"  {name}: importing again changed something: {summary.lines()[1]}")
        items = first.created
        print(
            f"{name:<22} {items:>6,} {dry:>11.0f} {first_ms:>10.0f} {len(captured.captured_queries):>11}"
            f" {statistics.median(again):>9.0f}"
        )
        Framework.objects.filter(pk=first.framework_id).delete()
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.exit(main())
