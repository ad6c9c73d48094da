"""Scores and mastery under the same policy as the pages: learners or classes outside the caller's view answer 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from pollinate.evidence import queries as evidence_queries
from pollinate.mastery import queries, services
from pollinate.mastery.schemas import (
    ErrorOut,
    GridOut,
    MasteryOut,
    ScoreFilter,
    ScoreIn,
    ScoreOut,
    WhyOut,
)

router = Router(tags=["mastery"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.post("/scores", response={201: ScoreOut, **ERRORS}, operation_id="mastery_score")
def create_score(request: HttpRequest, payload: ScoreIn) -> Any:
    """Your own evidence: your self-assessment. A learner you guide: your score (their mastery updates at once)."""
    evidence = evidence_queries.evidence_get(viewer=request.user, evidence_id=payload.evidence_id, path=request.path)
    return 201, services.score_save(
        actor=request.user,
        evidence=evidence,
        competency_id=payload.competency_id,
        level=payload.level,
        comment=payload.comment,
    )


@router.get("/scores", response={200: list[ScoreOut], **ERRORS}, operation_id="mastery_scores")
def list_scores(request: HttpRequest, filters: Query[ScoreFilter]) -> Any:
    return queries.score_list(
        viewer=request.user,
        learner_id=filters.learner_id,
        evidence_id=filters.evidence_id,
        competency_id=filters.competency_id,
        path=request.path,
    )


@router.get("/learners/{int:learner_id}", response={200: list[MasteryOut], **ERRORS}, operation_id="mastery_learner")
def learner_mastery(request: HttpRequest, learner_id: int, framework_id: int | None = None) -> Any:
    return queries.learner_records(
        viewer=request.user, learner_id=learner_id, framework_id=framework_id, path=request.path
    )


@router.get(
    "/learners/{int:learner_id}/why/{int:competency_id}", response={200: WhyOut, **ERRORS}, operation_id="mastery_why"
)
def why(request: HttpRequest, learner_id: int, competency_id: int, what_if: int | None = None) -> Any:
    page = queries.why(
        viewer=request.user,
        learner_id=learner_id,
        competency_id=competency_id,
        what_if_level=what_if,
        path=request.path,
    )
    return {
        "learner_id": page.learner.pk,
        "competency_id": page.competency.pk,
        "method": page.method_key,
        "level": page.result.level,
        "level_words": page.level_words,
        "steps": [{"text": s.text, "value": s.value} for s in page.result.steps],
        "scores": [
            {
                "evidence_id": s.evidence_id,
                "title": s.title,
                "level": s.level,
                "level_words": s.level_words,
                "produced_on": s.produced_on,
                "scored_on": s.scored_on,
            }
            for s in page.scores
        ],
        "what_if_level": page.what_if_level,
        "what_if": page.what_if.level if page.what_if else None,
    }


@router.get("/classes/{int:section_id}/grid", response={200: GridOut, **ERRORS}, operation_id="mastery_grid")
def grid(
    request: HttpRequest, section_id: int, framework_id: int | None = None, status: str = "", sort: str = "name"
) -> Any:
    g = queries.class_grid(
        viewer=request.user,
        section_id=section_id,
        framework_id=framework_id,
        status=status,
        sort=sort,
        path=request.path,
    )
    return {
        "section_id": g.section.pk,
        "framework_id": g.framework.pk if g.framework else None,
        "competencies": [{"id": c.pk, "code": c.code, "label": c.label} for c in g.competencies],
        "rows": [
            {
                "learner_id": r.learner_id,
                "name": r.name,
                "cells": [
                    {"competency_id": c.competency_id, "level": c.level, "words": c.words, "status": c.status}
                    for c in r.cells
                ],
            }
            for r in g.rows
        ],
        "groups": [
            {
                "competency_id": gr.competency.pk,
                "next_level": gr.next_level,
                "learner_ids": [lid for lid, _n in gr.learners],
            }
            for gr in g.groups
        ],
    }
