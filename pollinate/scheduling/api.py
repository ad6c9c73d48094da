"""Scheduler runs and their slots under the same policy as the pages. Runs and slots outside view: 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from pollinate.scheduling import queries, services
from pollinate.scheduling.schemas import ErrorOut, LockIn, MoveIn, RunIn, RunOut, SlotOut

router = Router(tags=["schedules"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _run_out(viewer: Any, run: Any) -> dict[str, Any]:
    return {
        "id": run.pk,
        "week_of": run.week_of,
        "coach_id": run.coach_id,
        "status": run.status,
        "progress": run.progress,
        "placed": run.placed,
        "requested": run.requested,
        "travel_minutes": run.travel_minutes,
        "bound": run.bound,
        "gap": run.gap,
        "message": run.message,
        "unplaced": [
            {k: u[k] for k in ("attendee_id", "host_id", "reason", "reason_text")}
            for u in queries.unplaced_of(viewer=viewer, run=run)
        ],
    }


@router.post("", response={201: RunOut, **ERRORS}, operation_id="scheduling_run")
def run_scheduler(request: HttpRequest, payload: RunIn) -> Any:
    coach = queries.coach_get(viewer=request.user, coach_id=payload.coach_id) if payload.coach_id else None
    start = services.schedule_week if payload.wait else services.start_schedule_week
    run = start(actor=request.user, week_of=payload.week_of, coach=coach, time_limit=payload.time_limit)
    return 201, _run_out(request.user, run)


@router.get("/{int:run_id}", response={200: RunOut, **ERRORS}, operation_id="scheduling_get")
def get_run(request: HttpRequest, run_id: int) -> Any:
    return _run_out(request.user, queries.run_get(viewer=request.user, run_id=run_id))


@router.get("/slots", response={200: list[SlotOut], **ERRORS}, operation_id="scheduling_slots")
def list_slots(request: HttpRequest, week_of: dt.date, coach_id: Query[int | None] = None) -> Any:
    hosts = [coach_id] if coach_id else None
    return queries.week_slots(viewer=request.user, week_of=week_of, host_ids=hosts, path=request.path)


@router.post("/slots/{int:slot_id}/accept", response={200: SlotOut, **ERRORS}, operation_id="scheduling_accept")
def accept_slot(request: HttpRequest, slot_id: int) -> Any:
    check_in = queries.slot_get(viewer=request.user, check_in_id=slot_id)
    return services.slot_accept(actor=request.user, check_in=check_in)


@router.post("/slots/{int:slot_id}/lock", response={200: SlotOut, **ERRORS}, operation_id="scheduling_lock")
def lock_slot(request: HttpRequest, slot_id: int, payload: LockIn) -> Any:
    check_in = queries.slot_get(viewer=request.user, check_in_id=slot_id)
    return services.slot_lock(actor=request.user, check_in=check_in, locked=payload.locked)


@router.post("/slots/{int:slot_id}/move", response={200: SlotOut, **ERRORS}, operation_id="scheduling_move")
def move_slot(request: HttpRequest, slot_id: int, payload: MoveIn) -> Any:
    check_in = queries.slot_get(viewer=request.user, check_in_id=slot_id)
    return services.slot_move(actor=request.user, check_in=check_in, weekday=payload.weekday, period=payload.period)
