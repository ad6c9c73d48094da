"""Writing inquiries: pose or take a question, plan, log sources, link evidence, write findings, share."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, NotFound
from pollinate.core.sanitize import clean_html
from pollinate.evidence.models import Evidence
from pollinate.goals.models import Goal
from pollinate.inquiry import policies
from pollinate.inquiry.models import EssentialQuestion, Inquiry, InquirySource


def _check_audience(learner: Any, audience: str) -> None:
    if audience not in policies.audience_choices_for(learner):
        raise ApplicationError(_("That audience is not available to you."))


def _touch(inquiry: Inquiry, fields: list[str]) -> None:
    inquiry.updated_at = timezone.now()
    inquiry.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def inquiry_create(
    *,
    actor: Any,
    question: str = "",
    essential_question_id: int | None = None,
    kind: str = Inquiry.Kind.INQUIRY,
    goal_id: int | None = None,
    audience: str = "guides",
) -> Inquiry:
    require(getattr(actor, "is_authenticated", False))
    essential = None
    if essential_question_id:
        essential = policies.essential_questions_visible_to(actor).filter(pk=essential_question_id).first()
        if essential is None:
            raise NotFound(_("Not found."))
    question = (question or "").strip() or (essential.question if essential else "")
    if not question:
        raise ApplicationError(_("Write your question, or take one your teacher offered."))
    if kind not in Inquiry.Kind.values:
        raise ApplicationError(_("Choose a kind of inquiry."))
    if kind == Inquiry.Kind.ACTION_RESEARCH:
        require(policies.can_do_action_research(actor), _("Action research is for educators."))
    if goal_id and not Goal.objects.filter(pk=goal_id, learner_id=actor.pk).exists():
        raise NotFound(_("Not found."))
    _check_audience(actor, audience)
    inquiry = Inquiry.objects.create(
        district_id=actor.district_id, learner=actor, kind=kind, question=question[:300],
        essential_question=essential, goal_id=goal_id or None, audience=audience,
    )
    audit_log(actor, "inquiry.create", inquiry, kind=kind)
    return inquiry


@transaction.atomic
def inquiry_update(
    *, actor: Any, inquiry: Inquiry, question: str | None = None, plan: str | None = None,
    findings: str | None = None,
) -> Inquiry:
    require(policies.can_update_inquiry(actor, inquiry))
    fields = []
    if question is not None:
        if not question.strip():
            raise ApplicationError(_("Your question cannot be empty."))
        inquiry.question = question.strip()[:300]
        fields.append("question")
    if plan is not None:
        inquiry.plan = plan.strip()
        fields.append("plan")
    if findings is not None:
        inquiry.findings = clean_html(findings)
        fields.append("findings")
    if fields:
        _touch(inquiry, fields)
        audit_log(actor, "inquiry.update", inquiry, fields=fields)
    return inquiry


@transaction.atomic
def inquiry_set_stage(*, actor: Any, inquiry: Inquiry, stage: str, audience: str | None = None) -> Inquiry:
    """Move to any stage (learners go back and forth); sharing needs findings and an audience they may choose."""
    require(policies.can_update_inquiry(actor, inquiry))
    if stage not in Inquiry.Stage.values:
        raise ApplicationError(_("Choose a stage."))
    fields = ["stage"]
    if audience is not None:
        _check_audience(inquiry.learner, audience)
        inquiry.audience = audience
        fields.append("audience")
    if stage == Inquiry.Stage.SHARED and not inquiry.findings:
        raise ApplicationError(_("Write your findings before sharing them."))
    inquiry.stage = stage
    _touch(inquiry, fields)
    audit_log(actor, "inquiry.stage", inquiry, stage=stage, audience=inquiry.audience)
    return inquiry


@transaction.atomic
def source_add(*, actor: Any, inquiry: Inquiry, title: str, url: str = "", note: str = "") -> InquirySource:
    require(policies.can_update_inquiry(actor, inquiry))
    title = (title or "").strip()
    if not title:
        raise ApplicationError(_("Name the source."))
    if url and not url.lower().startswith(("http://", "https://")):
        raise ApplicationError(_("Links start with http:// or https://."))
    source = InquirySource.objects.create(inquiry=inquiry, title=title[:300], url=url, note=note.strip())
    _touch(inquiry, [])
    audit_log(actor, "inquiry.source_add", inquiry, source_id=source.pk)
    return source


@transaction.atomic
def evidence_link(*, actor: Any, inquiry: Inquiry, evidence_id: int) -> None:
    """Attach one of the learner's own pieces of evidence to their inquiry."""
    require(policies.can_update_inquiry(actor, inquiry))
    changed = Evidence.objects.filter(pk=evidence_id, learner_id=actor.pk).update(inquiry=inquiry)
    if not changed:
        raise NotFound(_("Not found."))
    _touch(inquiry, [])
    audit_log(actor, "inquiry.evidence_link", inquiry, evidence_id=evidence_id)


@transaction.atomic
def essential_question_create(*, actor: Any, question: str, section_ids: list[int]) -> EssentialQuestion:
    require(policies.can_offer_essential_question(actor, section_ids),
            _("Offer questions to classes you teach."))
    question = (question or "").strip()
    if not question:
        raise ApplicationError(_("Write the question."))
    essential = EssentialQuestion.objects.create(district_id=actor.district_id, question=question[:300],
                                                 created_by=actor)
    essential.sections.set(section_ids)
    audit_log(actor, "essential_question.create", essential, sections=sorted(section_ids))
    return essential
