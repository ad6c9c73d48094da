"""pollinate import_oneroster PATH [--district SLUG] [--dry-run]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pollinate.core.errors import ApplicationError
from pollinate.roster import services
from pollinate.roster.models import ImportRun


class Command(BaseCommand):
    help = "Import a OneRoster 1.1/1.2 CSV set (a folder or a .zip) into one district. Refuses bad sets whole."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="folder or .zip holding manifest.csv and the OneRoster CSV files")
        parser.add_argument("--district", help="short name (slug) of the district to import into")
        parser.add_argument("--dry-run", action="store_true", help="check and report what would change; write nothing")

    def handle(self, *args: Any, path: str, district: str | None, dry_run: bool, **options: Any) -> None:
        if not Path(path).exists():
            raise CommandError(f"No such folder or file: {path}")
        try:
            target = services.district_for_command(district, path)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        run = services.import_roster(actor=None, district=target, path=path, dry_run=dry_run)
        for problem in run.problems:
            label = "ERROR" if problem["level"] == "error" else "warning"
            self.stderr.write(f"{label}: {problem['text']}")
        if run.status == ImportRun.Status.FAILED:
            shown = len(run.errors)
            more = f" (first {shown} shown)" if shown < run.error_count else ""
            raise CommandError(f"Import refused: {run.error_count} error(s){more}; nothing was written.")
        verb = "Dry run (nothing written)" if dry_run else "Imported"
        self.stdout.write(f"{verb} into district {target.slug}: {run.writes} write(s).")
        if not dry_run and run.writes == 0:
            self.stdout.write("Nothing changed: the database already matches these files.")
        for line in services.summary_lines(run):
            self.stdout.write(line)
