"""`pollinate escalate_checkins`: raise check-ins overdue beyond the grace period to the next tier (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pollinate.coaching.services import escalate_overdue
from pollinate.people.models import District


class Command(BaseCommand):
    help = "Notify the next tier about check-ins overdue beyond the grace period. Safe to run repeatedly."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--district", help="Only this district (its short name).")

    def handle(self, *args: Any, **options: Any) -> None:
        district = None
        if options.get("district"):
            district = District.objects.filter(slug=options["district"]).first()
            if district is None:
                raise CommandError(f"No district with the short name {options['district']!r}.")
        sent = escalate_overdue(district=district)
        self.stdout.write(f"{sent} escalation notification(s) sent.")
