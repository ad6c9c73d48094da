"""pollinate import_case PATH [--district SLUG] [--title TITLE] [--dry-run]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pollinate.competencies.services import case_import
from pollinate.core.errors import ApplicationError
from pollinate.people.models import District


class Command(BaseCommand):
    help = (
        "Import a CASE 1.0/1.1 JSON package, or a CSV spreadsheet in OpenSALT's columns, as a competency framework "
        "of one district. Refuses bad files whole."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "path", help="a CASE package (.json: CFDocument, CFItems, CFAssociations) or a spreadsheet (.csv)"
        )
        parser.add_argument("--title", default="", help="the framework's title (spreadsheets, which carry none)")
        parser.add_argument("--district", help="short name (slug) of the district; optional when there is only one")
        parser.add_argument("--dry-run", action="store_true", help="check and report what would change; write nothing")

    def handle(
        self, *args: Any, path: str, district: str | None, dry_run: bool, title: str, **options: Any
    ) -> None:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        target = _district(district)
        try:
            summary = case_import.framework_import_case(
                actor=None,
                district=target,
                content=file.read_bytes(),
                file_name=file.name,
                dry_run=dry_run,
                title=title,
            )
        except ApplicationError as exc:
            for line in exc.details:
                self.stderr.write(f"ERROR: {line}")
            raise CommandError(exc.message) from exc
        self.stdout.write(f"District {target.slug}")
        for line in summary.lines():
            self.stdout.write(line)


def _district(slug: str | None) -> District:
    if slug:
        found = District.objects.filter(slug=slug).first()
        if found is None:
            raise CommandError(f'No district with the short name "{slug}".')
        return found
    districts = list(District.objects.all()[:2])
    if len(districts) != 1:
        raise CommandError("Choose the district with --district SLUG." if districts else "Create a district first.")
    return districts[0]
