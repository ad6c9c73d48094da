"""Goals, check-ins and action steps under the same policy as the pages. Goals outside the caller's view: 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from pollinate.goals import queries, services
from pollinate.goals.schemas import (
    ActionStepIn,
    ActionStepOut,
    ActionStepUpdateIn,
    CheckInIn,
    CheckInOut,
    CommentIn,
    DropIn,
    ErrorOut,
    GoalFilter,
    GoalIn,
    GoalOut,
    GoalPage,
    GoalUpdateIn,
    SystemGoalIn,
    SystemGoalOut,
    SystemGoalUpdateIn,
)

router = Router(tags=["goals"])
# School and district goals, which personal goals align to: read by everyone in the district once published,
# written by district administrators and, for their school, its leaders.
system_router = Router(tags=["school and district goals"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _goal(request: HttpRequest, goal_id: int) -> Any:
    return queries.goal_get(viewer=request.user, goal_id=goal_id, path=request.path)


@router.get("", response={200: GoalPage, **ERRORS}, operation_id="goals_list")
def list_goals(request: HttpRequest, filters: Query[GoalFilter]) -> Any:
    return queries.learner_goal_page(
        viewer=request.user,
        learner_id=filters.learner_id,
        status=filters.status,
        page=filters.page,
        page_size=filters.page_size,
        path=request.path,
    )


@router.post("", response={201: GoalOut, **ERRORS}, operation_id="goals_create")
def create_goal(request: HttpRequest, payload: GoalIn) -> Any:
    return 201, services.goal_create(actor=request.user, **payload.dict())


@router.get("/{int:goal_id}", response={200: GoalOut, **ERRORS}, operation_id="goals_get")
def get_goal(request: HttpRequest, goal_id: int) -> Any:
    return _goal(request, goal_id)


@router.patch("/{int:goal_id}", response={200: GoalOut, **ERRORS}, operation_id="goals_update")
def update_goal(request: HttpRequest, goal_id: int, payload: GoalUpdateIn) -> Any:
    changes = payload.dict(exclude_unset=True)
    comment = changes.pop("comment", "")
    return services.goal_update(actor=request.user, goal=_goal(request, goal_id), comment=comment, **changes)


@router.post("/{int:goal_id}/propose", response={200: GoalOut, **ERRORS}, operation_id="goals_propose")
def propose_goal(request: HttpRequest, goal_id: int, payload: CommentIn) -> Any:
    return services.goal_propose(actor=request.user, goal=_goal(request, goal_id), comment=payload.comment)


@router.post("/{int:goal_id}/agree", response={200: GoalOut, **ERRORS}, operation_id="goals_agree")
def agree_goal(request: HttpRequest, goal_id: int, payload: CommentIn) -> Any:
    return services.goal_agree(actor=request.user, goal=_goal(request, goal_id), comment=payload.comment)


@router.post("/{int:goal_id}/request-changes", response={200: GoalOut, **ERRORS}, operation_id="goals_request_changes")
def request_changes(request: HttpRequest, goal_id: int, payload: CommentIn) -> Any:
    return services.goal_request_changes(actor=request.user, goal=_goal(request, goal_id), comment=payload.comment)


@router.post("/{int:goal_id}/achieve", response={200: GoalOut, **ERRORS}, operation_id="goals_achieve")
def achieve_goal(request: HttpRequest, goal_id: int, payload: CommentIn) -> Any:
    return services.goal_achieve(actor=request.user, goal=_goal(request, goal_id), comment=payload.comment)


@router.post("/{int:goal_id}/drop", response={200: GoalOut, **ERRORS}, operation_id="goals_drop")
def drop_goal(request: HttpRequest, goal_id: int, payload: DropIn) -> Any:
    return services.goal_drop(actor=request.user, goal=_goal(request, goal_id), reason=payload.reason)


@router.get("/{int:goal_id}/check-ins", response={200: list[CheckInOut], **ERRORS}, operation_id="goals_check_ins_list")
def list_check_ins(request: HttpRequest, goal_id: int) -> Any:
    return queries.check_in_list(viewer=request.user, goal_id=goal_id, path=request.path)


@router.post("/{int:goal_id}/check-ins", response={201: CheckInOut, **ERRORS}, operation_id="goals_check_ins_create")
def create_check_in(request: HttpRequest, goal_id: int, payload: CheckInIn) -> Any:
    return 201, services.check_in_create(actor=request.user, goal=_goal(request, goal_id), **payload.dict())


@router.get(
    "/{int:goal_id}/action-steps", response={200: list[ActionStepOut], **ERRORS}, operation_id="goals_action_steps_list"
)
def list_action_steps(request: HttpRequest, goal_id: int) -> Any:
    return queries.action_step_list(viewer=request.user, goal_id=goal_id, path=request.path)


@router.post(
    "/{int:goal_id}/action-steps", response={201: ActionStepOut, **ERRORS}, operation_id="goals_action_steps_create"
)
def create_action_step(request: HttpRequest, goal_id: int, payload: ActionStepIn) -> Any:
    return 201, services.action_step_add(actor=request.user, goal=_goal(request, goal_id), **payload.dict())


@router.get(
    "/{int:goal_id}/action-steps/{int:step_id}",
    response={200: ActionStepOut, **ERRORS},
    operation_id="goals_action_steps_get",
)
def get_action_step(request: HttpRequest, goal_id: int, step_id: int) -> Any:
    return queries.action_step_get(viewer=request.user, goal=_goal(request, goal_id), step_id=step_id)


@router.patch(
    "/{int:goal_id}/action-steps/{int:step_id}",
    response={200: ActionStepOut, **ERRORS},
    operation_id="goals_action_steps_update",
)
def update_action_step(request: HttpRequest, goal_id: int, step_id: int, payload: ActionStepUpdateIn) -> Any:
    goal = _goal(request, goal_id)
    step = queries.action_step_get(viewer=request.user, goal=goal, step_id=step_id)
    return services.action_step_update(actor=request.user, step=step, **payload.dict(exclude_unset=True))


@system_router.get("", response={200: list[SystemGoalOut], **ERRORS}, operation_id="system_goals_list")
def list_system_goals(request: HttpRequest) -> Any:
    return queries.system_goal_list(viewer=request.user)


@system_router.post("", response={201: SystemGoalOut, **ERRORS}, operation_id="system_goals_create")
def create_system_goal(request: HttpRequest, payload: SystemGoalIn) -> Any:
    return 201, services.system_goal_create(actor=request.user, **payload.dict())


@system_router.get("/{int:system_goal_id}", response={200: SystemGoalOut, **ERRORS}, operation_id="system_goals_get")
def get_system_goal(request: HttpRequest, system_goal_id: int) -> Any:
    return queries.system_goal_get(viewer=request.user, system_goal_id=system_goal_id)


@system_router.patch(
    "/{int:system_goal_id}", response={200: SystemGoalOut, **ERRORS}, operation_id="system_goals_update"
)
def update_system_goal(request: HttpRequest, system_goal_id: int, payload: SystemGoalUpdateIn) -> Any:
    system_goal = queries.system_goal_get(viewer=request.user, system_goal_id=system_goal_id)
    return services.system_goal_update(actor=request.user, system_goal=system_goal, **payload.dict(exclude_unset=True))
