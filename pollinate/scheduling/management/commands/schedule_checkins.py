"""pollinate schedule_checkins --week YYYY-MM-DD [--coach USERNAME] [--district SLUG] [--time-limit S]"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pollinate.core.errors import ApplicationError
from pollinate.people.models import District, Person
from pollinate.scheduling import queries, services
from pollinate.scheduling.models import ScheduleRun


class Command(BaseCommand):
    help = "Propose a week of check-ins (a whole district, or one coach's caseload) and list who could not be placed."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--week", required=True, help="any day of the week to schedule, YYYY-MM-DD")
        parser.add_argument("--coach", help="username of one coach (default: every coach in the district)")
        parser.add_argument("--district", help="short name (slug) of the district (needed when there are several)")
        parser.add_argument("--time-limit", type=float, default=30, help="seconds the solver may use (default 30)")

    def handle(
        self, *args: Any, week: str, coach: str | None, district: str | None, time_limit: float, **options: Any
    ) -> None:
        try:
            week_of = dt.date.fromisoformat(week)
        except ValueError as exc:
            raise CommandError(f"--week must be a date like 2026-11-09, not {week!r}") from exc
        person = None
        if coach:
            person = Person.objects.filter(username=coach).first()
            if person is None:
                raise CommandError(f"No person with username {coach!r}.")
        target = self._district(district, person)
        try:
            run = services.schedule_week_as_operator(
                district=target, week_of=week_of, coach=person, time_limit=time_limit
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        if run.status != ScheduleRun.Status.DONE:
            raise CommandError(run.message or "The scheduler failed; the previous schedule is unchanged.")
        gap = "-" if run.gap is None else f"{100 * run.gap:.1f}%"
        bound = "-" if run.bound is None else f"{run.bound:.0f}"
        self.stdout.write(
            f"Week of {run.week_of}: placed {run.placed} of {run.requested} check-ins; "
            f"travel {run.travel_minutes} minutes (proven least {bound}, gap {gap})."
        )
        unplaced = queries.unplaced_of(viewer=None, run=run)
        if unplaced:
            self.stdout.write(f"Not placed ({len(unplaced)}):")
        for u in unplaced:
            who = u["attendee"].username if u["attendee"] else u["attendee_id"]
            host = u["host"].username if u["host"] else u["host_id"]
            self.stdout.write(f"  {who} (coach {host}): {u['reason_text']}")

    def _district(self, slug: str | None, coach: Person | None) -> District:
        if slug:
            found = District.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"No district with short name {slug!r}.")
            return found
        if coach is not None and coach.district_id:
            return coach.district
        districts = list(District.objects.all()[:2])
        if len(districts) != 1:
            raise CommandError("Name the district with --district SLUG.")
        return districts[0]
