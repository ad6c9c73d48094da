"""Where a queue row or a home-page card links to, in the learning apps.

The learning apps own their URL names; the dashboards only link to them. Each link names the URL the app
exposes and, while an app's page is not mounted yet (or in a deployment that leaves an app out), falls back to
the documented path so the home page never breaks.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

_SAMPLE = 987654321


def _first(names: tuple[str, ...], args: tuple = (), fallback: str = "") -> str:
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return fallback


def maker(link: Callable[[int], str]) -> Callable[[int], str]:
    """``link`` for many ids at the cost of one URL reversal (a long list would otherwise reverse per row)."""
    sample = link(_SAMPLE)
    head, _, tail = sample.partition(str(_SAMPLE))
    return lambda pk: f"{head}{pk}{tail}"


def goal_url(goal_id: int) -> str:
    return _first(("goals:detail", "goals:goal-detail"), (goal_id,), f"/goals/{goal_id}/")


def goals_of_learner_url(learner_id: int) -> str:
    return _first(("goals:learner",), (learner_id,), f"/goals/learner/{learner_id}/")


def my_goals_url() -> str:
    return _first(("goals:mine",), (), "/goals/")


def evidence_url(evidence_id: int) -> str:
    return _first(("evidence:detail", "evidence:evidence-detail"), (evidence_id,), f"/evidence/{evidence_id}/")


def new_evidence_url() -> str:
    return _first(("evidence:add", "evidence:create", "evidence:new"), (), "/evidence/new/")


def portfolio_url(learner_id: int) -> str:
    return _first(("evidence:portfolio",), (learner_id,), f"/evidence/portfolio/{learner_id}/")


def reflection_url(reflection_id: int) -> str:
    return _first(("reflections:detail", "reflections:reflection-detail"), (reflection_id,),
                  f"/reflections/{reflection_id}/")


def reflections_of_learner_url(learner_id: int) -> str:
    return _first(("reflections:timeline", "reflections:learner"), (learner_id,),
                  f"/reflections/learner/{learner_id}/")


def new_reflection_url(prompt_id: int | None = None) -> str:
    base = _first(("reflections:new", "reflections:create", "reflections:add"), (), "/reflections/new/")
    return f"{base}?{urlencode({'prompt': prompt_id})}" if prompt_id else base


def profile_url(learner_id: int) -> str:
    return _first(("learners:detail", "learners:profile"), (learner_id,),
                  f"/profile/{learner_id}/")


def pathway_url(pathway_id: int) -> str:
    return _first(("choice:detail", "choice:pathway"), (pathway_id,),
                  f"/choice/{pathway_id}/")


def notifications_url() -> str:
    return _first(("notifications:list", "notifications:index"), (), "/notifications/")
