"""Reads of inquiries on behalf of a viewer; reads of a learner's inquiry by anyone else are audited."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet

from pollinate.core.access import get_object_for
from pollinate.core.audit import record_student_reads
from pollinate.evidence.audience import visible_by_audience
from pollinate.evidence.models import Evidence
from pollinate.goals.models import Goal
from pollinate.inquiry import policies
from pollinate.inquiry.models import EssentialQuestion, Inquiry
from pollinate.people import policies as people_policies
from pollinate.people.models import Section
from pollinate.people.roles import scope_for


def my_inquiries(*, viewer: Any) -> QuerySet[Inquiry]:
    return (
        policies.inquiries_visible_to(viewer)
        .filter(learner_id=getattr(viewer, "pk", None))
        .annotate(source_count=Count("sources"))
        .order_by("-updated_at", "-id")
    )


def inquiries_of_my_learners(*, viewer: Any, limit: int = 100, path: str = "") -> list[Inquiry]:
    """Inquiries of the viewer's learners that are shared with them (audience reaches them), newest first."""
    rows = list(
        policies.inquiries_visible_to(viewer)
        .filter(learner_id__in=people_policies.learners_guided_by(viewer).values("id"))
        .exclude(learner_id=getattr(viewer, "pk", None))
        .select_related("learner")
        .order_by("-updated_at", "-id")[:limit]
    )
    record_student_reads(viewer, {i.learner_id for i in rows}, verb="inquiries.list", path=path)
    return rows


def inquiry_page_list(*, viewer: Any, learner_id: int | None = None) -> QuerySet[Inquiry]:
    qs = policies.inquiries_visible_to(viewer).select_related("learner").order_by("-updated_at", "-id")
    return qs.filter(learner_id=learner_id) if learner_id is not None else qs


def record_reads(*, viewer: Any, inquiries: list[Inquiry], path: str = "") -> None:
    record_student_reads(viewer, {i.learner_id for i in inquiries}, verb="inquiries.list", path=path)


def inquiry_get(*, viewer: Any, inquiry_id: int, path: str = "") -> Inquiry:
    viewer_id = getattr(viewer, "pk", None)
    qs = (
        policies.inquiries_visible_to(viewer)
        .select_related("learner", "essential_question", "goal")
        .prefetch_related("sources")
        .annotate(goal_visible=ExpressionWrapper(
            # Draft goals are the learner's alone (goals policy).
            Q(learner_id=viewer_id) | (Q(goal__isnull=False) & ~Q(goal__status=Goal.Status.DRAFT)),
            output_field=BooleanField(),
        ))
    )
    inquiry = get_object_for(viewer, qs, inquiry_id)
    record_student_reads(viewer, [inquiry.learner_id], verb="inquiries.view", obj=inquiry, path=path)
    return inquiry


def inquiry_for_update_get(*, viewer: Any, inquiry_id: int) -> Inquiry:
    return get_object_for(viewer, policies.inquiries_visible_to(viewer).select_related("learner"), inquiry_id,
                          allowed=policies.can_update_inquiry)


def inquiry_evidence(*, viewer: Any, inquiry: Inquiry) -> QuerySet[Evidence]:
    """Evidence linked to the inquiry that the viewer may see (each piece keeps its own audience)."""
    return Evidence.objects.filter(visible_by_audience(viewer), inquiry_id=inquiry.pk).order_by("-created_at", "-id")


def evidence_to_link(*, viewer: Any, inquiry: Inquiry) -> QuerySet[Evidence]:
    return (
        Evidence.objects.filter(learner_id=getattr(viewer, "pk", None))
        .exclude(inquiry_id=inquiry.pk)
        .only("id", "title")
        .order_by("-created_at", "-id")[:200]
    )


def my_goals(*, viewer: Any) -> QuerySet[Goal]:
    return Goal.objects.filter(learner_id=getattr(viewer, "pk", None)).only("id", "title").order_by("-updated_at")


def essential_question_list(*, viewer: Any) -> QuerySet[EssentialQuestion]:
    return (
        policies.essential_questions_visible_to(viewer)
        .prefetch_related("sections")
        .annotate(taken_count=Count("inquiries", distinct=True))
        .order_by("-created_at", "-id")
    )


def taught_sections(*, viewer: Any) -> QuerySet[Section]:
    return Section.objects.filter(id__in=scope_for(viewer).taught_section_ids).order_by("title")


def audience_choices(*, viewer: Any) -> list[str]:
    return policies.audience_choices_for(viewer)


def can_do_action_research(*, viewer: Any) -> bool:
    return policies.can_do_action_research(viewer)
