"""Writing reflections, feedback and the prompt bank."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, NotFound
from pollinate.core.sanitize import clean_html
from pollinate.evidence.models import Evidence
from pollinate.goals.models import Goal
from pollinate.notifications.services import notify
from pollinate.reflections import policies
from pollinate.reflections.models import Feedback, Reflection, ReflectionPrompt


def _clean_required(raw: str, message: str) -> str:
    body = clean_html(raw)
    if not body:
        raise ApplicationError(message)
    return body


@transaction.atomic
def reflection_create(
    *,
    actor: Any,
    body: str,
    prompt_id: int | None = None,
    goal_id: int | None = None,
    evidence_id: int | None = None,
    shared_with_guides: bool = True,
) -> Reflection:
    """The actor reflects on their own learning, optionally answering a prompt and about one goal or piece of work."""
    require(getattr(actor, "is_authenticated", False))
    if goal_id and evidence_id:
        raise ApplicationError(_("Attach a reflection to one goal or one piece of work, not both."))
    prompt = None
    if prompt_id:
        prompt = policies.prompts_visible_to(actor).filter(pk=prompt_id, is_active=True).first()
        if prompt is None:
            raise ApplicationError(_("That prompt is not available."))
    # Only one's own goals and work: anything else answers as if it did not exist.
    if goal_id and not Goal.objects.filter(pk=goal_id, learner_id=actor.pk).exists():
        raise NotFound(_("Not found."))
    if evidence_id and not Evidence.objects.filter(pk=evidence_id, learner_id=actor.pk).exists():
        raise NotFound(_("Not found."))
    reflection = Reflection.objects.create(
        district_id=actor.district_id,
        learner=actor,
        prompt=prompt,
        prompt_text=prompt.text if prompt else "",
        body=_clean_required(body, _("Write something before saving your reflection.")),
        goal_id=goal_id or None,
        evidence_id=evidence_id or None,
        shared_with_guides=shared_with_guides,
    )
    audit_log(actor, "reflection.create", reflection, shared=shared_with_guides)
    return reflection


@transaction.atomic
def reflection_set_sharing(*, actor: Any, reflection: Reflection, shared_with_guides: bool) -> Reflection:
    require(policies.can_update_reflection(actor, reflection))
    if reflection.shared_with_guides != shared_with_guides:
        reflection.shared_with_guides = shared_with_guides
        reflection.save(update_fields=["shared_with_guides"])
        audit_log(actor, "reflection.sharing", reflection, shared=shared_with_guides)
    return reflection


def _url(name: str, *args: Any, anchor: str = "") -> str:
    # The evidence page belongs to another app; if its URL is not there yet the notification has no link.
    try:
        return reverse(name, args=args) + anchor
    except NoReverseMatch:
        return ""


@transaction.atomic
def feedback_add(
    *, actor: Any, body: str, evidence: Evidence | None = None, reflection: Reflection | None = None
) -> Feedback:
    """A guide comments on a learner's evidence or shared reflection; the learner is told in-app."""
    if (evidence is None) == (reflection is None):
        raise ApplicationError(_("Feedback is about one piece of work or one reflection."))
    if evidence is not None:
        require(policies.can_give_feedback_on_evidence(actor, evidence))
        target = evidence
    else:
        require(policies.can_give_feedback_on_reflection(actor, reflection))
        target = reflection
    cleaned = _clean_required(body, _("Write your feedback before sending it."))
    feedback = Feedback.objects.create(
        district_id=target.district_id, author=actor, evidence=evidence, reflection=reflection, body=cleaned
    )
    learner = target.learner
    if evidence is not None:
        Evidence.objects.filter(pk=evidence.pk, first_feedback_at__isnull=True).update(
            first_feedback_at=feedback.created_at
        )
        if evidence.first_feedback_at is None:
            evidence.first_feedback_at = feedback.created_at
    else:
        Reflection.objects.filter(pk=reflection.pk, first_feedback_at__isnull=True).update(
            first_feedback_at=feedback.created_at
        )
        if reflection.first_feedback_at is None:
            reflection.first_feedback_at = feedback.created_at
    if evidence is not None:
        message = gettext_lazy("%(name)s commented on your evidence “%(title)s”.")
        params = {"name": actor.display_name, "title": evidence.title}
        url = _url("evidence:detail", evidence.pk)
    else:
        message = gettext_lazy("%(name)s commented on your reflection.")
        params = {"name": actor.display_name}
        url = _url("reflections:detail", reflection.pk)
    notify(recipient=learner, actor=actor, message=message, params=params, url=url)
    audit_log(actor, "feedback.create", feedback, target=target._meta.label_lower, target_id=target.pk,
              learner_id=learner.pk)
    return feedback


@transaction.atomic
def prompt_create(*, actor: Any, district_id: int, stem: str, text: str) -> ReflectionPrompt:
    require(policies.can_manage_prompts(actor, district_id))
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("Write the prompt."))
    if stem not in ReflectionPrompt.Stem.values:
        raise ApplicationError(_("Choose what kind of prompt this is."))
    prompt = ReflectionPrompt.objects.create(district_id=district_id, stem=stem, text=text)
    audit_log(actor, "reflection_prompt.create", prompt, district_id=district_id)
    return prompt


@transaction.atomic
def prompt_set_active(*, actor: Any, prompt: ReflectionPrompt, is_active: bool) -> ReflectionPrompt:
    require(policies.can_update_prompt(actor, prompt))
    if prompt.is_active != is_active:
        prompt.is_active = is_active
        prompt.save(update_fields=["is_active"])
        audit_log(actor, "reflection_prompt.active", prompt, district_id=prompt.district_id, is_active=is_active)
    return prompt


__all__ = [
    "feedback_add", "prompt_create", "prompt_set_active", "reflection_create", "reflection_set_sharing",
]
