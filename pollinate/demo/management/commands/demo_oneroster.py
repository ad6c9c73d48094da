"""`pollinate demo_oneroster OUTDIR`: the demo district as a OneRoster 1.1 bulk CSV set (for importer tests)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.demo import generator as g
from pollinate.demo.services import demo_oneroster_write
from pollinate.demo.writers import Progress


class Command(BaseCommand):
    help = "Write the demo district as OneRoster 1.1 bulk CSV files (no database needed)."

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path, help="folder to write the CSV files into (created if missing)")
        parser.add_argument("--size", choices=list(g.SIZES), default="small")
        parser.add_argument("--seed", type=int, default=g.DEFAULT_SEED)
        parser.add_argument("--school-year", type=int, default=None,
                            help="the year the school year ends in (default: the one in progress)")
        parser.add_argument("--zip", action="store_true", help="bundle the files into OUTDIR/oneroster.zip")
        parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")

    def handle(self, *args, **options):
        school_year = options["school_year"] or g.default_school_year(timezone.localdate())
        progress = Progress(None if options["quiet"] else self.stderr)
        paths, rows = demo_oneroster_write(outdir=options["outdir"], size=options["size"], seed=options["seed"],
                                           school_year=school_year, as_zip=options["zip"], progress=progress)
        for name, count in sorted(rows.items()):
            self.stdout.write(f"  {name:<22} {count:>9,}")
        self.stdout.write(_("Wrote %(files)s in %(seconds).1f s.") % {
            "files": ", ".join(str(p) for p in paths) if options["zip"] else str(options["outdir"]),
            "seconds": progress.elapsed})
