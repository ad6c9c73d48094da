"""Collegial teams, members, stages and meetings under the same policy as the pages. Teams outside the caller's
view: 404; meeting logs of a team the caller oversees but is not in: 403."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from pollinate.teams import queries, services
from pollinate.teams.schemas import (
    ErrorOut,
    MeetingIn,
    MeetingOut,
    MemberIn,
    MemberOut,
    OverviewOut,
    StageChangeOut,
    StageMoveIn,
    TeamFilter,
    TeamIn,
    TeamOut,
    TeamPage,
    TeamUpdateIn,
)

router = Router(tags=["teams"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _team(request: HttpRequest, team_id: int) -> Any:
    return queries.team_get(viewer=request.user, team_id=team_id)


@router.get("", response={200: TeamPage, **ERRORS}, operation_id="teams_list")
def list_teams(request: HttpRequest, filters: Query[TeamFilter]) -> Any:
    return queries.team_page(
        viewer=request.user,
        stage=filters.stage,
        school_id=filters.school_id,
        page=filters.page,
        page_size=filters.page_size,
    )


@router.post("", response={201: TeamOut, **ERRORS}, operation_id="teams_create")
def create_team(request: HttpRequest, payload: TeamIn) -> Any:
    return 201, services.team_create(actor=request.user, **payload.dict())


@router.get("/overview", response={200: OverviewOut, **ERRORS}, operation_id="teams_overview")
def overview(request: HttpRequest) -> Any:
    data = queries.stage_overview(viewer=request.user)
    keys = [key for key, _label in data.stages]
    return {
        "stages": keys,
        "rows": [
            {
                "school_id": row.school.pk if row.school else None,
                "school_name": row.school.name if row.school else None,
                "counts": dict(zip(keys, row.counts, strict=True)),
                "total": row.total,
            }
            for row in data.rows
        ],
        "totals": dict(zip(keys, data.totals, strict=True)),
        "total": data.total,
    }


@router.get("/{int:team_id}", response={200: TeamOut, **ERRORS}, operation_id="teams_get")
def get_team(request: HttpRequest, team_id: int) -> Any:
    return _team(request, team_id)


@router.patch("/{int:team_id}", response={200: TeamOut, **ERRORS}, operation_id="teams_update")
def update_team(request: HttpRequest, team_id: int, payload: TeamUpdateIn) -> Any:
    return services.team_update(actor=request.user, team=_team(request, team_id), **payload.dict(exclude_unset=True))


@router.get("/{int:team_id}/members", response={200: list[MemberOut], **ERRORS}, operation_id="teams_members_list")
def list_members(request: HttpRequest, team_id: int) -> Any:
    return queries.member_list(viewer=request.user, team=_team(request, team_id))


@router.post("/{int:team_id}/members", response={201: MemberOut, **ERRORS}, operation_id="teams_members_add")
def add_member(request: HttpRequest, team_id: int, payload: MemberIn) -> Any:
    return 201, services.team_member_add(actor=request.user, team=_team(request, team_id), person_id=payload.person_id)


@router.delete(
    "/{int:team_id}/members/{int:person_id}", response={204: None, **ERRORS}, operation_id="teams_members_remove"
)
def remove_member(request: HttpRequest, team_id: int, person_id: int) -> Any:
    services.team_member_remove(actor=request.user, team=_team(request, team_id), person_id=person_id)
    return 204, None


@router.get("/{int:team_id}/stages", response={200: list[StageChangeOut], **ERRORS}, operation_id="teams_stages_list")
def list_stages(request: HttpRequest, team_id: int) -> Any:
    return queries.stage_history(viewer=request.user, team=_team(request, team_id))


@router.post("/{int:team_id}/stages", response={201: StageChangeOut, **ERRORS}, operation_id="teams_stages_move")
def move_stage(request: HttpRequest, team_id: int, payload: StageMoveIn) -> Any:
    return 201, services.team_move_stage(actor=request.user, team=_team(request, team_id), **payload.dict())


@router.get("/{int:team_id}/meetings", response={200: list[MeetingOut], **ERRORS}, operation_id="teams_meetings_list")
def list_meetings(request: HttpRequest, team_id: int) -> Any:
    return queries.meeting_list(viewer=request.user, team=_team(request, team_id))


@router.post("/{int:team_id}/meetings", response={201: MeetingOut, **ERRORS}, operation_id="teams_meetings_log")
def log_meeting(request: HttpRequest, team_id: int, payload: MeetingIn) -> Any:
    return 201, services.meeting_log(actor=request.user, team=_team(request, team_id), **payload.dict())
