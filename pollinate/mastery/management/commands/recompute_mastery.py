"""pollinate recompute_mastery [--district SLUG] [--chunk N]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pollinate.mastery import services
from pollinate.people.models import District


class Command(BaseCommand):
    help = "Rebuild every learner's mastery records from scores and quick checks (after changing a method)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--district", help="short name (slug) of one district; default: every district")
        parser.add_argument("--chunk", type=int, default=20_000, help="rows read and written per batch")

    def handle(self, *args: Any, district: str | None, chunk: int, **options: Any) -> None:
        district_id = None
        if district:
            district_id = District.objects.filter(slug=district).values_list("id", flat=True).first()
            if district_id is None:
                raise CommandError(f"No district with short name {district!r}.")
        report = services.recompute_all(district_id=district_id, chunk=chunk)
        self.stdout.write(
            f"Recomputed {report.records} mastery records from {report.scores} scores and "
            f"{report.responses} quick-check answers in {report.seconds:.1f} s."
        )
