"""Template helpers for reflections: the feedback thread's data and translated built-in prompts."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from pollinate.reflections.queries import feedback_thread

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_thread_for(context: Any, target: Any, kind: str) -> dict[str, Any]:
    """``{% feedback_thread_for target kind as thread %}`` → {"items": [...], "can_add": bool}.

    A page that already knows whether the viewer may comment (the timeline) sets ``feedback_can_add`` in the
    context to spare the policy check per item."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    data = feedback_thread(viewer=viewer, target=target, kind=kind) if "feedback_can_add" not in context else {
        "items": list(target.feedback.all()), "can_add": bool(context["feedback_can_add"]),
    }
    return data


@register.filter
def prompt_text(reflection_or_prompt: Any) -> str:
    """The prompt a reflection answered, in the reader's language when it is a built-in one."""
    prompt = getattr(reflection_or_prompt, "prompt", None)
    if prompt is None and hasattr(reflection_or_prompt, "stem"):
        prompt = reflection_or_prompt
    if prompt is not None and prompt.district_id is None:
        return gettext(prompt.text)
    return getattr(reflection_or_prompt, "prompt_text", "") or getattr(reflection_or_prompt, "text", "")
