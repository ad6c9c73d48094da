"""Choice boards and playlists as the caller may see them; picks, progress and proposals. Others answer 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from pollinate.choice import queries, services
from pollinate.choice.schemas import ChooseIn, ErrorOut, PathwayOut, PickOut, ProposalIn, StatusIn

router = Router(tags=["choice"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _item(state: queries.ItemState) -> dict[str, Any]:
    a = state.activity
    return {
        "position": state.item.position,
        "activity": {
            "id": a.pk, "title": a.title, "description": a.description, "choice_kind": a.choice_kind,
            "evidence_modes": list(a.evidence_modes or []), "proposed_by_id": a.proposed_by_id,
            "is_approved": a.is_approved, "is_pending": a.is_pending, "review_note": a.review_note,
        },
        "pick": state.choice,
        "is_next": state.is_next,
        "can_choose": state.can_choose,
    }


def _pathway(state: queries.PathwayState) -> dict[str, Any]:
    p = state.pathway
    return {
        "id": p.pk, "kind": p.kind, "title": p.title, "instructions": p.instructions,
        "is_published": p.is_published, "picks_required": p.picks_required,
        "section_ids": sorted(s.pk for s in p.sections.all()),
        "items": [_item(s) for s in state.items], "my_proposals": [_item(s) for s in state.my_proposals],
        "picks_used": state.picks_used, "done_count": state.done_count, "is_complete": state.is_complete,
        "next_activity_id": state.next_item.activity.pk if state.next_item else None,
    }


@router.get("/pathways", response=list[PathwayOut], operation_id="choice_pathways_list")
def list_pathways(request: HttpRequest) -> Any:
    return [_pathway(s) for s in queries.pathway_states(viewer=request.user)]


@router.get("/pathways/{pathway_id}", response={200: PathwayOut, **ERRORS}, operation_id="choice_pathways_get")
def get_pathway(request: HttpRequest, pathway_id: int) -> Any:
    return _pathway(queries.pathway_get(viewer=request.user, pathway_id=pathway_id).state)


@router.post("/pathways/{pathway_id}/choices", response={201: PickOut, **ERRORS}, operation_id="choice_choose")
def choose(request: HttpRequest, pathway_id: int, payload: ChooseIn) -> Any:
    return 201, services.activity_choose(actor=request.user, pathway_id=pathway_id, activity_id=payload.activity_id,
                                         path=request.path)


@router.get("/choices/{choice_id}", response={200: PickOut, **ERRORS}, operation_id="choice_pick_get")
def get_pick(request: HttpRequest, choice_id: int) -> Any:
    return queries.choice_get(viewer=request.user, choice_id=choice_id)


@router.patch("/choices/{choice_id}", response={200: PickOut, **ERRORS}, operation_id="choice_update_status")
def update_status(request: HttpRequest, choice_id: int, payload: StatusIn) -> Any:
    return services.choice_set_status(actor=request.user, choice_id=choice_id, status=payload.status,
                                      path=request.path)


@router.post("/pathways/{pathway_id}/proposals", response={201: PathwayOut, **ERRORS},
             operation_id="choice_propose")
def propose(request: HttpRequest, pathway_id: int, payload: ProposalIn) -> Any:
    services.activity_propose(actor=request.user, pathway_id=pathway_id, path=request.path, **payload.dict())
    return 201, _pathway(queries.pathway_get(viewer=request.user, pathway_id=pathway_id).state)
