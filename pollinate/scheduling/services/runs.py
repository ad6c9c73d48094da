"""Running the scheduler: ``schedule_week`` reads who is due (``coaching.cadence.due_in_week``), builds the week
as plain data for the solver (``scheduling.solver``), solves outside any transaction (progress is written to the
run as it goes), then saves in one transaction: this run's earlier unlocked proposals for the week go, the new
proposals come, and the run's figures are stored. A failure while saving leaves the previous schedule as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.coaching.cadence import monday_of
from pollinate.coaching.models import ScheduledCheckIn
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError
from pollinate.people.models import District, Person
from pollinate.scheduling import policies, solver
from pollinate.scheduling.models import (
    ScheduleRun,
)
from pollinate.scheduling.services.week import Week, _replaceable, build_week, slot_times

logger = logging.getLogger(__name__)
CheckInStatus = ScheduledCheckIn.Status
PROGRESS_EVERY = 0.5  # seconds between progress writes while solving


# Running the scheduler


def _check_run(actor: Any, district: District, coach: Person | None) -> None:
    require(policies.can_schedule_for(actor, district_id=district.pk, coach=coach))
    if coach is not None and coach.district_id != district.pk:
        raise ApplicationError(_("That coach is not in this district."))


def _new_run(actor: Any, district: District, week_of: dt.date, coach: Person | None, time_limit: float) -> ScheduleRun:
    if not 1 <= time_limit <= 600:
        raise ApplicationError(_("The time limit must be between 1 and 600 seconds."))
    return ScheduleRun.objects.create(
        district=district,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        coach=coach,
        week_of=monday_of(week_of),
        time_limit_seconds=int(time_limit),
    )


def schedule_week(
    *,
    actor: Any,
    week_of: dt.date,
    coach: Person | None = None,
    time_limit: float = 30,
    district: District | None = None,
) -> ScheduleRun:
    """Propose the week's check-ins for ``coach``'s caseload (or everyone the actor schedules) and save them."""
    district = district or _district_of(actor, coach)
    _check_run(actor, district, coach)
    run = _new_run(actor, district, week_of, coach, time_limit)
    execute_run(actor=actor, run=run)
    run.refresh_from_db()
    return run


def schedule_week_as_operator(
    *, district: District, week_of: dt.date, coach: Person | None = None, time_limit: float = 30
) -> ScheduleRun:
    """The ``schedule_checkins`` command: someone with shell access to the server schedules a district or coach."""
    if coach is not None and coach.district_id != district.pk:
        raise ApplicationError(_("That coach is not in this district."))
    run = _new_run(None, district, week_of, coach, time_limit)
    execute_run(actor=None, run=run, host_ids=frozenset({coach.pk}) if coach else None)
    run.refresh_from_db()
    return run


def start_schedule_week(
    *,
    actor: Any,
    week_of: dt.date,
    coach: Person | None = None,
    time_limit: float = 30,
    district: District | None = None,
) -> ScheduleRun:
    """As ``schedule_week``, solving in a background thread; the run page follows its progress."""
    district = district or _district_of(actor, coach)
    _check_run(actor, district, coach)
    run = _new_run(actor, district, week_of, coach, time_limit)
    if getattr(settings, "SCHEDULING_INLINE", False):
        execute_run(actor=actor, run=run)
        run.refresh_from_db()
    else:
        transaction.on_commit(lambda: _start_thread(actor, run.pk))
    return run


def _district_of(actor: Any, coach: Person | None) -> District:
    district_id = (coach.district_id if coach is not None else None) or getattr(actor, "district_id", None)
    district = District.objects.filter(pk=district_id).first()
    if district is None:
        raise ApplicationError(_("Choose a district to schedule."))
    return district


def _start_thread(actor: Any, run_id: int) -> None:
    def target() -> None:
        close_old_connections()
        try:
            execute_run(actor=actor, run=ScheduleRun.objects.get(pk=run_id))
        finally:
            connection.close()

    threading.Thread(target=target, name=f"schedule-run-{run_id}", daemon=True).start()


_ACTORS_SCOPE = object()


def execute_run(*, actor: Any, run: ScheduleRun, host_ids: Any = _ACTORS_SCOPE) -> None:
    """Solve and save one queued run; never leaves it "solving" (a crash marks it failed, nothing saved).

    ``host_ids`` defaults to the hosts the actor schedules (``policies.hosts_scheduled_by``).
    """
    try:
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=ScheduleRun.Status.RUNNING, started_at=timezone.now(), progress=5, message=_("Reading the week")
        )
        if host_ids is _ACTORS_SCOPE:
            host_ids = policies.hosts_scheduled_by(actor, district_id=run.district_id, coach=run.coach_id)
        week = build_week(district_id=run.district_id, week_of=run.week_of, host_ids=host_ids)
        ScheduleRun.objects.filter(pk=run.pk).update(
            progress=10, message=_("Solving"), requested=len(week.instance.requests)
        )
        last = [0.0]

        def progress(fraction: float, _label: str) -> None:
            if time.monotonic() - last[0] >= PROGRESS_EVERY or fraction >= 1:
                last[0] = time.monotonic()
                try:
                    ScheduleRun.objects.filter(pk=run.pk).update(progress=10 + int(80 * fraction))
                except DatabaseError:
                    # The bar is a courtesy: a write that finds the table locked (SQLite, a page polling the
                    # run at that instant) must not stop the solve; the next one, or the end, catches up.
                    logger.info("schedule run %s: progress not written this time", run.pk, exc_info=True)

        solution = solver.solve(week.instance, time_limit=run.time_limit_seconds, progress=progress)
        save_solution(actor=actor, run=run, week=week, solution=solution)
    except Exception:  # The page must not show "solving" forever; the log has the details.
        logger.exception("schedule run %s failed", run.pk)
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=ScheduleRun.Status.FAILED,
            finished_at=timezone.now(),
            message=_("The scheduler stopped unexpectedly; the previous schedule is unchanged."),
        )


def save_solution(*, actor: Any, run: ScheduleRun, week: Week, solution: solver.Solution) -> None:
    """Replace the scope's unlocked proposals for the week with the solution's, atomically."""
    start = dt.datetime.combine(week.monday, dt.time.min, week.tz)
    end = start + dt.timedelta(days=7)
    by_request = {r.id: (r, week.dues[r.id]) for r in week.instance.requests}
    now = timezone.now()
    rows = []
    for placement in solution.placements:
        request, due = by_request[placement.request]
        weekday, period = placement.slot
        starts, ends = slot_times(
            monday=week.monday,
            tz=week.tz,
            period_times=week.period_times,
            school_id=request.school,
            weekday=weekday,
            period=period,
        )
        rows.append(
            ScheduledCheckIn(
                district_id=run.district_id,
                assignment_id=due.assignment_id,
                kind=due.kind,
                host_id=due.host_id,
                attendee_id=due.attendee_id,
                school_id=due.school_id,
                starts_at=starts,
                ends_at=ends,
                weekday=weekday,
                period=period + 1,
                status=CheckInStatus.PROPOSED,
                source=ScheduledCheckIn.Source.SCHEDULER,
                schedule_run_id=run.pk,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                created_at=now,
                updated_at=now,
            )
        )
    unplaced = [
        {
            "attendee_id": by_request[u.request][1].attendee_id,
            "host_id": by_request[u.request][1].host_id,
            "reason": u.reason,
            "due_on": by_request[u.request][1].due_on.isoformat(),
        }
        for u in solution.unplaced
    ]
    with transaction.atomic():
        replaced = _replaceable(run.district_id, week.host_ids).filter(starts_at__gte=start, starts_at__lt=end)
        removed = replaced.count()
        replaced.delete()
        ScheduledCheckIn.objects.bulk_create(rows)
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=ScheduleRun.Status.DONE,
            progress=100,
            message="",
            placed=solution.placed,
            requested=solution.requested,
            travel_minutes=solution.travel,
            bound=solution.travel_bound,
            gap=solution.gap,
            unplaced=unplaced,
            finished_at=timezone.now(),
        )
        audit_log(
            actor,
            "scheduling.week_scheduled",
            run,
            district_id=run.district_id,
            week_of=week.monday.isoformat(),
            placed=solution.placed,
            requested=solution.requested,
            replaced=removed,
        )
