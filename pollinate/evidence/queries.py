"""Every read of evidence for pages, the API and other apps' dashboards.

Each starts from ``policies.evidence_visible_to(viewer)``, and each read of a learner's work by someone
other than that learner is recorded in the audit log (two queries, however many learners are involved).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from pollinate.core.access import get_object_for
from pollinate.core.audit import record_student_reads
from pollinate.core.errors import NotFound
from pollinate.evidence import policies
from pollinate.evidence.models import Audience, Evidence
from pollinate.people import policies as people_policies
from pollinate.people.models import Person
from pollinate.people.roles import scope_for
from pollinate.reflections.models import Feedback, Reflection

LIST_RELATED = ("learner", "goal", "activity", "inquiry")
# The reflections app owns feedback: who may read the thread (the learner and their guides, not the whole
# audience) and the form guides use to respond. The page includes its partial when it is installed.
FEEDBACK_THREAD_TEMPLATE = "reflections/partials/feedback_thread.html"


def _visible(viewer: Any) -> QuerySet[Evidence]:
    return policies.evidence_visible_to(viewer).select_related(*LIST_RELATED)


def _record(viewer: Any, pieces: list[Evidence], *, verb: str, path: str, obj: Any = None) -> None:
    # Anonymous reads (public showcase) are recorded too: the learner may still ask who, or how often.
    if not pieces:
        return
    actor = viewer if getattr(viewer, "is_authenticated", False) else None
    record_student_reads(
        actor, {p.learner_id for p in pieces}, verb=verb, obj=obj, district_id=pieces[0].district_id, path=path
    )


def evidence_get(*, viewer: Any, evidence_id: Any, path: str = "") -> Evidence:
    evidence = get_object_for(viewer, _visible(viewer), evidence_id)
    _record(viewer, [evidence], verb="evidence.read", path=path, obj=evidence)
    return evidence


@dataclass
class EvidencePage:
    evidence: Evidence
    reflections: list[Reflection]
    is_own: bool
    can_give_feedback: bool
    audiences: list[tuple[str, str]]
    feedback_template: str | None


def evidence_page(*, viewer: Any, evidence_id: Any, path: str = "") -> EvidencePage:
    """The piece, who responded, and the reflections about it the viewer may read."""
    evidence = evidence_get(viewer=viewer, evidence_id=evidence_id, path=path)
    own = policies.is_own(viewer, evidence)
    reflections = Reflection.objects.filter(evidence=evidence, learner_id=evidence.learner_id)
    # Reflections are the learner's own thinking: shared only with guides, and only when the learner chose to.
    if own:
        visible_reflections = list(reflections)
    elif people_policies.can_guide(viewer, evidence.learner_id):
        visible_reflections = list(reflections.filter(shared_with_guides=True))
    else:
        visible_reflections = []
    can_respond = not own and people_policies.can_guide(viewer, evidence.learner_id)
    return EvidencePage(
        evidence=evidence,
        reflections=visible_reflections,
        is_own=own,
        can_give_feedback=can_respond,
        audiences=audience_choices(viewer=viewer) if own else [],
        feedback_template=_optional_template(FEEDBACK_THREAD_TEMPLATE),
    )


def _optional_template(name: str) -> str | None:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return None
    return name


def evidence_for_edit(*, viewer: Any, evidence_id: Any) -> Evidence:
    return get_object_for(viewer, _visible(viewer), evidence_id, allowed=policies.can_update_evidence)


def evidence_file(*, viewer: Any, evidence_id: Any, path: str = "") -> Evidence:
    """The piece whose file the viewer asked for (404 when not visible or when it has no file)."""
    evidence = get_object_for(viewer, policies.evidence_visible_to(viewer), evidence_id)
    if not evidence.file:
        raise NotFound("Not found.")
    _record(viewer, [evidence], verb="evidence.file", path=path, obj=evidence)
    return evidence


def public_evidence_get(*, evidence_id: Any, path: str = "") -> Evidence:
    """A piece its learner shared as a public showcase, for anyone, signed in or not."""
    visible = Evidence.objects.filter(audience=Audience.PUBLIC).select_related(*LIST_RELATED)
    evidence = get_object_for(None, visible, evidence_id)
    _record(None, [evidence], verb="evidence.public_read", path=path, obj=evidence)
    return evidence


def evidence_list(*, viewer: Any, learner_id: Any = None, path: str = "") -> list[Evidence]:
    """The viewer's own evidence, or the pieces of one learner that the viewer may see."""
    own_id = scope_for(viewer).person_id
    target = own_id if learner_id in (None, "") else learner_id
    try:
        target = int(target)
    except (TypeError, ValueError) as exc:
        raise NotFound("Not found.") from exc
    pieces = list(_visible(viewer).filter(learner_id=target))
    _record(viewer, pieces, verb="evidence.list", path=path)
    return pieces


def evidence_queryset(*, viewer: Any, learner_id: int | None = None) -> QuerySet[Evidence]:
    """For paginated API lists: the caller records the reads of the page it returns (``record_page_reads``)."""
    qs = _visible(viewer)
    if learner_id is None:
        return qs.filter(learner_id=scope_for(viewer).person_id)
    return qs.filter(learner_id=learner_id)


def record_page_reads(*, viewer: Any, pieces: list[Evidence], path: str = "") -> None:
    _record(viewer, pieces, verb="evidence.list", path=path)


@dataclass
class Portfolio:
    learner: Person
    pieces: list[Evidence]
    is_own: bool
    public_count: int


def portfolio(*, viewer: Any, learner: Person | int, path: str = "") -> Portfolio:
    """The curated pieces of ``learner`` that the viewer may see, newest first.

    The learner is found among people the viewer may see, or (for public showcases and family) among
    learners with a piece the viewer can see, so a portfolio never reveals who exists beyond that.
    """
    learner_id = learner.pk if isinstance(learner, Person) else learner
    pieces = list(_visible(viewer).filter(learner_id=learner_id, in_portfolio=True))
    own = scope_for(viewer).person_id == learner_id
    if pieces:
        person = pieces[0].learner
    elif own:
        person = viewer
    else:
        person = get_object_for(viewer, people_policies.people_visible_to(viewer), learner_id)
    _record(viewer, pieces, verb="evidence.portfolio", path=path)
    return Portfolio(
        learner=person,
        pieces=pieces,
        is_own=own,
        public_count=sum(1 for p in pieces if p.audience == Audience.PUBLIC),
    )


def public_showcase(*, learner_id: Any, path: str = "") -> Portfolio:
    """A learner's public pieces in their portfolio, for anyone. 404 when there are none."""
    try:
        learner_id = int(learner_id)
    except (TypeError, ValueError) as exc:
        raise NotFound("Not found.") from exc
    pieces = list(
        Evidence.objects.filter(learner_id=learner_id, audience=Audience.PUBLIC, in_portfolio=True)
        .select_related(*LIST_RELATED)
    )
    if not pieces:
        raise NotFound("Not found.")
    _record(None, pieces, verb="evidence.showcase", path=path, obj=None)
    return Portfolio(learner=pieces[0].learner, pieces=pieces, is_own=False, public_count=len(pieces))


def portfolio_index(*, viewer: Any) -> list[Person]:
    """Whose portfolios the viewer looks at most: their own, then their family's children."""
    scope = scope_for(viewer)
    people = [viewer]
    if scope.ward_ids:
        people += list(people_policies.people_visible_to(viewer).filter(id__in=scope.ward_ids)
                       .order_by("given_name", "family_name"))
    return people


def recent_evidence(*, viewer: Any, learner: Person | int, limit: int = 5, path: str = "") -> list[Evidence]:
    """The newest pieces of one learner that the viewer may see (for the learner's home and guides' panels)."""
    learner_id = learner.pk if isinstance(learner, Person) else learner
    pieces = list(_visible(viewer).filter(learner_id=learner_id)[:limit])
    _record(viewer, pieces, verb="evidence.list", path=path)
    return pieces


def evidence_awaiting_feedback(*, viewer: Any, limit: int = 20, path: str = "") -> list[Evidence]:
    """Pieces by learners the viewer guides, visible to the viewer, that no guide has responded to yet.

    Newest first; three queries whatever the number of learners (the list, and the audit of its reads).
    """
    scope = scope_for(viewer)
    if scope.is_anonymous:
        return []
    has_feedback = Feedback.objects.filter(evidence_id=OuterRef("pk"))
    pieces = list(
        _visible(viewer)
        .filter(learner_id__in=people_policies.learners_guided_by(viewer).values("id"),
                first_feedback_at__isnull=True)
        .exclude(learner_id=scope.person_id)
        .filter(~Exists(has_feedback))[:limit]
    )
    _record(viewer, pieces, verb="evidence.awaiting_feedback", path=path)
    return pieces


def audience_choices(*, viewer: Any) -> list[tuple[str, str]]:
    """The audiences the viewer may pick for their own work, with their labels, most private first."""
    allowed = set(policies.audiences_allowed_for(viewer))
    return [(value, label) for value, label in Audience.choices if value in allowed]


def attachable_targets(*, viewer: Any) -> dict[str, list[Any]]:
    """What the viewer may attach a new piece to: their goals, activities and inquiries."""
    return {
        "goals": list(policies.goals_attachable_by(viewer).only("id", "title")[:200]),
        "activities": list(policies.activities_attachable_by(viewer).only("id", "title")[:200]),
        "inquiries": list(policies.inquiries_attachable_by(viewer).only("id", "question")[:200]),
    }


def district_evidence_settings(*, viewer: Any, district_id: int | None) -> Any:
    """The evidence settings of a district the viewer administers (defaults when never saved)."""
    from pollinate.core.access import require

    require(policies.can_manage_evidence_settings(viewer, district_id))
    return policies.settings_for(district_id)
