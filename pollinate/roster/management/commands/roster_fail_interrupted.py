"""pollinate roster_fail_interrupted [--minutes N]: run at start-up, before the web process serves requests."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from pollinate.roster import services


class Command(BaseCommand):
    help = (
        'Mark roster imports left "running" or "queued" by a stopped process as failed (interrupted; nothing was '
        "written). Run it when the server starts."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--minutes",
            type=int,
            default=0,
            help="only runs started more than this many minutes ago (default 0: at start-up every run is orphaned)",
        )

    def handle(self, *args: Any, minutes: int, **options: Any) -> None:
        count = services.fail_interrupted_runs(actor=None, older_than_minutes=minutes)
        self.stdout.write(f"{count} interrupted roster import(s) marked failed; nothing of theirs was written.")
