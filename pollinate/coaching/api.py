"""The coaching network, caseload, cycles, check-ins and coverage, under the same policy as the pages.
Records outside the caller's view answer 404; visible ones they may not change answer 403."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from pollinate.coaching import policies, queries, services
from pollinate.coaching.schemas import (
    AssignmentIn,
    AssignmentOut,
    CaseloadOut,
    CheckInIn,
    CheckInOut,
    CheckInUpdateIn,
    CoverageOut,
    CycleIn,
    CycleOut,
    CycleUpdateIn,
    ErrorOut,
    FollowUpIn,
    NextStepIn,
    NextStepOut,
)

router = Router(tags=["coaching"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


# The network


@router.get("/assignments", response={200: list[AssignmentOut], **ERRORS}, operation_id="coaching_assignments_list")
def list_assignments(request: HttpRequest, status: str | None = "active", kind: str | None = None) -> Any:
    return queries.assignment_list(viewer=request.user, status=status, kind=kind)


@router.post("/assignments", response={201: AssignmentOut, **ERRORS}, operation_id="coaching_assignments_create")
def create_assignment(request: HttpRequest, payload: AssignmentIn) -> Any:
    viewer = request.user
    school = queries.school_get(viewer=viewer, school_id=payload.school_id) if payload.school_id else None
    return 201, services.assignment_create(
        actor=viewer,
        coach=queries.person_get(viewer=viewer, person_id=payload.coach_id),
        coachee=queries.person_get(viewer=viewer, person_id=payload.coachee_id),
        kind=payload.kind,
        school=school,
    )


@router.post(
    "/assignments/{int:assignment_id}/end",
    response={200: AssignmentOut, **ERRORS},
    operation_id="coaching_assignments_end",
)
def end_assignment(request: HttpRequest, assignment_id: int) -> Any:
    assignment = queries.assignment_get(viewer=request.user, assignment_id=assignment_id)
    return services.assignment_end(actor=request.user, assignment=assignment)


@router.get("/caseload", response={200: list[CaseloadOut], **ERRORS}, operation_id="coaching_caseload")
def caseload(request: HttpRequest) -> Any:
    return [
        {
            "assignment_id": e.assignment.pk,
            "person": {"id": e.assignment.coachee_id, "name": e.assignment.coachee.display_name},
            "kind": e.assignment.kind,
            "school_id": e.assignment.school_id,
            "due_on": e.state.due_on if e.state else None,
            "last_seen_on": e.state.last_seen_on if e.state else None,
        }
        for e in queries.my_caseload(viewer=request.user, path=request.path)
    ]


# Cycles


@router.get("/cycles", response={200: list[CycleOut], **ERRORS}, operation_id="coaching_cycles_list")
def list_cycles(request: HttpRequest, status: str | None = None) -> Any:
    return queries.cycle_list(viewer=request.user, status=status)


@router.post("/cycles", response={201: CycleOut, **ERRORS}, operation_id="coaching_cycles_create")
def create_cycle(request: HttpRequest, payload: CycleIn) -> Any:
    viewer = request.user
    return 201, services.cycle_create(
        actor=viewer,
        coachee=queries.person_get(viewer=viewer, person_id=payload.coachee_id),
        title=payload.title,
        goal=queries.goal_get(viewer=viewer, goal_id=payload.goal_id) if payload.goal_id else None,
        approach=payload.approach,
        baseline=payload.baseline,
    )


@router.get("/cycles/{int:cycle_id}", response={200: CycleOut, **ERRORS}, operation_id="coaching_cycles_get")
def get_cycle(request: HttpRequest, cycle_id: int) -> Any:
    return queries.cycle_get(viewer=request.user, cycle_id=cycle_id)


@router.patch("/cycles/{int:cycle_id}", response={200: CycleOut, **ERRORS}, operation_id="coaching_cycles_update")
def update_cycle(request: HttpRequest, cycle_id: int, payload: CycleUpdateIn) -> Any:
    viewer = request.user
    changes = payload.dict(exclude_unset=True)
    shared = changes.pop("shared_with_coachs_coach", None)
    cycle = queries.cycle_get(viewer=viewer, cycle_id=cycle_id)
    if "goal_id" in changes:
        goal_id = changes.pop("goal_id")
        changes["goal"] = queries.goal_get(viewer=viewer, goal_id=goal_id) if goal_id else None
    if changes:
        cycle = services.cycle_update(actor=viewer, cycle=cycle, **changes)
    if shared is not None:
        cycle = services.cycle_share(actor=viewer, cycle=cycle, shared=shared)
    return cycle


@router.post(
    "/cycles/{int:cycle_id}/advance", response={200: CycleOut, **ERRORS}, operation_id="coaching_cycles_advance"
)
def advance_cycle(request: HttpRequest, cycle_id: int) -> Any:
    cycle = queries.cycle_get(viewer=request.user, cycle_id=cycle_id)
    return services.cycle_advance(actor=request.user, cycle=cycle)


@router.delete("/cycles/{int:cycle_id}", response={204: None, **ERRORS}, operation_id="coaching_cycles_delete")
def delete_cycle(request: HttpRequest, cycle_id: int) -> Any:
    cycle = queries.cycle_get(viewer=request.user, cycle_id=cycle_id)
    services.cycle_delete(actor=request.user, cycle=cycle)
    return 204, None


# Check-ins


def _out(request: HttpRequest, check_in: Any) -> dict[str, Any]:
    return queries.readable_check_ins(viewer=request.user, check_ins=[check_in])[0]


@router.get("/check-ins", response={200: list[CheckInOut], **ERRORS}, operation_id="coaching_check_ins_list")
def list_check_ins(request: HttpRequest, attendee_id: int | None = None, status: str | None = None) -> Any:
    rows = queries.check_in_list(viewer=request.user, attendee_id=attendee_id, status=status, path=request.path)
    return queries.readable_check_ins(viewer=request.user, check_ins=rows)


@router.post("/check-ins", response={201: CheckInOut, **ERRORS}, operation_id="coaching_check_ins_create")
def create_check_in(request: HttpRequest, payload: CheckInIn) -> Any:
    viewer = request.user
    cycle = queries.cycle_get(viewer=viewer, cycle_id=payload.cycle_id) if payload.cycle_id else None
    check_in = services.check_in_create(
        actor=viewer,
        attendee=queries.person_get(viewer=viewer, person_id=payload.attendee_id),
        starts_at=payload.starts_at,
        minutes=payload.minutes,
        agenda=payload.agenda,
        cycle=cycle,
    )
    return 201, _out(request, check_in)


@router.get("/check-ins/{int:check_in_id}", response={200: CheckInOut, **ERRORS}, operation_id="coaching_check_ins_get")
def get_check_in(request: HttpRequest, check_in_id: int) -> Any:
    return _out(request, queries.check_in_get(viewer=request.user, check_in_id=check_in_id, path=request.path))


@router.patch(
    "/check-ins/{int:check_in_id}", response={200: CheckInOut, **ERRORS}, operation_id="coaching_check_ins_update"
)
def update_check_in(request: HttpRequest, check_in_id: int, payload: CheckInUpdateIn) -> Any:
    viewer = request.user
    check_in = queries.check_in_get(viewer=viewer, check_in_id=check_in_id, path=request.path)
    changes = payload.dict(exclude_unset=True)
    status = changes.pop("status", None)
    shared = changes.pop("notes_shared", None)
    if changes:
        check_in = services.check_in_update(actor=viewer, check_in=check_in, **changes)
    if status is not None:
        check_in = services.check_in_mark(actor=viewer, check_in=check_in, status=status)
    if shared is not None:
        check_in = services.check_in_share_notes(actor=viewer, check_in=check_in, shared=shared)
    return _out(request, check_in)


def _step_out(step: Any) -> dict[str, Any]:
    return {
        "id": step.pk,
        "check_in_id": step.check_in_id,
        "action_step_id": step.action_step_id,
        "goal_id": step.action_step.goal_id,
        "title": step.action_step.title,
        "done": step.action_step.done_at is not None,
    }


@router.get(
    "/check-ins/{int:check_in_id}/next-steps",
    response={200: list[NextStepOut], **ERRORS},
    operation_id="coaching_next_steps_list",
)
def list_next_steps(request: HttpRequest, check_in_id: int) -> Any:
    check_in = queries.check_in_get(viewer=request.user, check_in_id=check_in_id, path=request.path)
    return [_step_out(s) for s in queries.next_step_list(viewer=request.user, check_in=check_in)]


@router.post(
    "/check-ins/{int:check_in_id}/next-steps",
    response={201: NextStepOut, **ERRORS},
    operation_id="coaching_next_steps_create",
)
def create_next_step(request: HttpRequest, check_in_id: int, payload: NextStepIn) -> Any:
    viewer = request.user
    check_in = queries.check_in_get(viewer=viewer, check_in_id=check_in_id, allowed=policies.can_change_check_in)
    goal = queries.goal_get(viewer=viewer, goal_id=payload.goal_id)
    step = services.next_step_add(
        actor=viewer, check_in=check_in, goal=goal, title=payload.title, due_on=payload.due_on
    )
    return 201, _step_out(step)


@router.post(
    "/check-ins/{int:check_in_id}/follow-up",
    response={200: CheckInOut, **ERRORS},
    operation_id="coaching_check_ins_follow_up",
)
def follow_up(request: HttpRequest, check_in_id: int, payload: FollowUpIn) -> Any:
    check_in = queries.check_in_get(viewer=request.user, check_in_id=check_in_id)
    check_in = services.check_in_follow_up(actor=request.user, check_in=check_in, done_step_ids=payload.done_step_ids)
    return _out(request, check_in)


# Coverage


@router.get("/coverage", response={200: CoverageOut, **ERRORS}, operation_id="coaching_coverage")
def coverage(request: HttpRequest) -> Any:
    report = queries.coverage_report(viewer=request.user, path=request.path)
    return {
        "today": report.today,
        "totals": report.totals,
        "rows": report.rows,
        "escalated": report.escalated,
        "unsupported": report.unsupported,
    }
