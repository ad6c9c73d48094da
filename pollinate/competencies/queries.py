"""Reads of frameworks, competencies and scales for pages and the API. Every one starts from the policies.

Frameworks are not anyone's record (no learner data), so nothing here is audited. Trees are built in Python
from one query ordered by position, so a framework of 1,000 standards costs the same queries as one of 10.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy

from pollinate.competencies import policies
from pollinate.competencies.models import (
    Competency,
    CompetencyLink,
    Framework,
    LevelDescriptor,
    RubricLevel,
    RubricScale,
    load_calculations,
)
from pollinate.core.access import get_object_for, require
from pollinate.people.models import District
from pollinate.people.policies import districts_visible_to
from pollinate.people.queries import Page
from pollinate.people.roles import scope_for

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


@dataclass
class Node:
    competency: Competency
    children: list[Node] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.competency.pk


def _levels() -> Prefetch:
    return Prefetch("levels", queryset=RubricLevel.objects.order_by("value"))


def build_tree(competencies: list[Competency]) -> list[Node]:
    """Nest competencies (already in position order) under their parents; orphans go to the top level."""
    nodes = {c.pk: Node(c) for c in competencies}
    roots: list[Node] = []
    for c in competencies:
        parent = nodes.get(c.parent_id) if c.parent_id else None
        (parent.children if parent is not None else roots).append(nodes[c.pk])
    return roots


# Frameworks


def framework_list(*, viewer: Any, district_id: int | None = None, source: str | None = None) -> list[Framework]:
    """Frameworks the viewer sees, with ``n_competencies`` and ``can_edit`` set; built-in ones last."""
    qs = policies.frameworks_visible_to(viewer).select_related("scale")
    if district_id is not None:
        qs = qs.filter(Q(district_id=district_id) | Q(district__isnull=True))
    if source:
        qs = qs.filter(source=source)
    frameworks = list(
        qs.annotate(n_competencies=Count("competencies", filter=Q(competencies__withdrawn_at__isnull=True))).order_by(
            F("district_id").asc(nulls_last=True), "title", "id"
        )
    )
    for framework in frameworks:
        framework.can_edit = policies.can_edit_framework(viewer, framework)
    return frameworks


def framework_get(*, viewer: Any, framework_id: int) -> Framework:
    return get_object_for(
        viewer, policies.frameworks_visible_to(viewer).select_related("scale", "district"), framework_id
    )


def framework_for_edit(*, viewer: Any, framework_id: int) -> Framework:
    """404 outside the viewer's view, 403 when visible but not theirs to change (e.g. built-in ones)."""
    return get_object_for(
        viewer,
        policies.frameworks_visible_to(viewer).select_related("scale", "district"),
        framework_id,
        allowed=policies.can_edit_framework,
    )


def calculation_district(viewer: Any, framework: Framework, district_id: Any = None) -> District | None:
    """Whose calculation a page shows and changes. None for a district's framework (it has one, for everyone
    who uses it). For a built-in framework: the district asked for (the policy then decides whether the viewer
    may change it), else the viewer's own district where they manage it or manage none, else the first district
    they manage."""
    if framework.district_id is not None:
        return None
    scope = scope_for(viewer)
    try:
        asked = int(district_id) if district_id not in (None, "") else None
    except (TypeError, ValueError):
        asked = None
    own = getattr(viewer, "district_id", None)
    if asked is not None:
        chosen = asked
    elif own is not None and (own in scope.admin_district_ids or not scope.admin_district_ids):
        chosen = own
    else:
        chosen = min(scope.admin_district_ids, default=own)
    return District.objects.filter(pk=chosen).first() if chosen is not None else None


def framework_for_calculation(*, viewer: Any, framework_id: int, district_id: Any = None) -> tuple[Framework, Any]:
    """The framework and the district whose calculation the viewer changes on it (None: the framework's own).
    404 outside the viewer's view, 403 when they may not change it."""
    framework = framework_get(viewer=viewer, framework_id=framework_id)
    district = calculation_district(viewer, framework, district_id)
    require(
        policies.can_set_calculation(viewer, framework, district.pk if district else None),
        gettext_lazy("Only district administrators change how mastery is calculated for their district."),
    )
    return framework, district


def framework_competencies(*, viewer: Any, framework: Framework, include_withdrawn: bool = True) -> list[Competency]:
    qs = policies.competencies_visible_to(viewer).filter(framework=framework).order_by("position", "id")
    if not include_withdrawn:
        qs = qs.filter(withdrawn_at__isnull=True)
    return list(qs)


def framework_detail(*, viewer: Any, framework_id: int) -> dict[str, Any]:
    """The framework, its scale with levels and its competency tree: four queries whatever its size."""
    framework = get_object_for(
        viewer,
        policies.frameworks_visible_to(viewer)
        .select_related("scale", "district")
        .prefetch_related(Prefetch("scale__levels", queryset=RubricLevel.objects.order_by("value"))),
        framework_id,
    )
    competencies = framework_competencies(viewer=viewer, framework=framework)
    can_edit = policies.can_edit_framework(viewer, framework)
    district = calculation_district(viewer, framework)
    district_id = district.pk if district else None
    can_set_calculation = policies.can_set_calculation(viewer, framework, district_id)
    return {
        "framework": framework,
        "levels": list(framework.scale.levels.all()),
        "tree": build_tree(competencies),
        "n_competencies": sum(1 for c in competencies if c.withdrawn_at is None),
        "n_withdrawn": sum(1 for c in competencies if c.withdrawn_at is not None),
        "can_edit": can_edit,
        "can_edit_tree": can_edit and framework.source == Framework.Source.LOCAL,
        "method": method_of(framework, district_id),
        "calculation_district": district,
        "can_set_calculation": can_set_calculation,
        "recalculation": _recalculation(framework, district_id) if can_set_calculation else None,
        "parent_choices": [c for c in competencies if c.withdrawn_at is None],
    }


def with_calculations(*, viewer: Any, frameworks: list[Framework], district_id: Any = None) -> list[Framework]:
    """Mark each framework with the calculation the API shows: a built-in one's for the viewer's district (see
    ``calculation_district``), in one query for the whole list."""
    shared = [f for f in frameworks if f.district_id is None]
    district = calculation_district(viewer, shared[0], district_id) if shared else None
    if district is not None:
        load_calculations(shared, district.pk)
        for framework in shared:
            framework.shown_calculation = framework.calculation_for(district.pk)
            framework.shown_district_id = district.pk
    return frameworks


def _recalculation(framework: Framework, district_id: int | None) -> Any:
    from pollinate.mastery.queries import recalculation_status

    return recalculation_status(framework_id=framework.pk, district_id=district_id)


def method_of(framework: Framework, district_id: int | None = None) -> dict[str, Any]:
    """The framework's calculation (for ``district_id``'s learners) in words (label, description, settings), from
    the calculations module."""
    from pollinate.mastery.calculations import METHODS

    calculation = framework.calculation_for(district_id)
    spec = METHODS.get(calculation.method)
    return {
        "key": calculation.method,
        "label": spec.label if spec else calculation.method,
        "description": spec.description if spec else "",
        "settings": {**(spec.defaults if spec else {}), **calculation.settings},
    }


def bkt_defaults() -> dict[str, float]:
    """The quick-check (BKT) parameters a framework uses until its district sets its own."""
    from pollinate.mastery.services import DEFAULT_BKT

    return dict(DEFAULT_BKT)


def method_choices() -> list[Any]:
    from pollinate.mastery.calculations import METHODS

    return list(METHODS.values())


def manageable_districts(*, viewer: Any) -> list[District]:
    """The districts whose frameworks the viewer manages (where "import" and "new framework" go)."""
    return [d for d in districts_visible_to(viewer).order_by("name") if policies.can_manage_frameworks(viewer, d.pk)]


# Competencies


def competency_get(*, viewer: Any, competency_id: int) -> Competency:
    return get_object_for(
        viewer, policies.competencies_visible_to(viewer).select_related("framework", "framework__scale"), competency_id
    )


def competency_for_edit(*, viewer: Any, competency_id: int) -> Competency:
    return get_object_for(
        viewer,
        policies.competencies_visible_to(viewer).select_related("framework"),
        competency_id,
        allowed=policies.can_edit_competency,
    )


def competency_detail(*, viewer: Any, competency_id: int) -> dict[str, Any]:
    """The competency, the path to it from the top of its framework, and what sits inside it."""
    competency = competency_get(viewer=viewer, competency_id=competency_id)
    framework = competency.framework
    rows = framework_competencies(viewer=viewer, framework=framework)
    by_id = {c.pk: c for c in rows}
    ancestors: list[Competency] = []
    current = by_id.get(competency.parent_id) if competency.parent_id else None
    while current is not None and len(ancestors) < len(rows):
        ancestors.insert(0, current)
        current = by_id.get(current.parent_id) if current.parent_id else None
    subtree = _subtree(rows, competency.pk)
    can_edit = policies.can_edit_framework(viewer, framework)
    return {
        "competency": competency,
        "framework": framework,
        "ancestors": ancestors,
        "tree": build_tree([c for c in rows if c.pk in subtree and c.pk != competency.pk]),
        "can_edit_tree": can_edit and framework.source == Framework.Source.LOCAL,
        "parent_choices": [c for c in rows if c.pk not in subtree and c.withdrawn_at is None],
        "connections": connections_of(viewer=viewer, competency=competency),
        "descriptors": level_descriptors(competency=competency),
    }


@dataclass(frozen=True)
class Criterion:
    """One rubric criterion of a competency and its levels (``LevelDescriptor`` rows), in published order."""

    label: str
    levels: list[LevelDescriptor]


def level_descriptors(*, competency: Competency) -> list[Criterion]:
    """What each level looks like for this competency, grouped by criterion (one query). The competency was
    read through the policy already; descriptions hold no learner data."""
    criteria: list[Criterion] = []
    for row in LevelDescriptor.objects.filter(competency=competency).order_by("position", "id"):
        if not criteria or criteria[-1].label != row.criterion:
            criteria.append(Criterion(row.criterion, []))
        criteria[-1].levels.append(row)
    return criteria


# CASE association types in the words a teacher reads; the one pointing the other way for links into this one.
LINK_WORDS = {
    "exactMatchOf": (gettext_lazy("Same as"), gettext_lazy("Same as")),
    "isRelatedTo": (gettext_lazy("Related to"), gettext_lazy("Related to")),
    "precedes": (gettext_lazy("Comes before"), gettext_lazy("Comes after")),
    "exemplar": (gettext_lazy("Example"), gettext_lazy("Example of")),
    "isPeerOf": (gettext_lazy("Peer of"), gettext_lazy("Peer of")),
    "isPartOf": (gettext_lazy("Part of"), gettext_lazy("Has part")),
    "replacedBy": (gettext_lazy("Replaced by"), gettext_lazy("Replaces")),
    "hasSkillLevel": (gettext_lazy("Skill level"), gettext_lazy("Skill level of")),
}


@dataclass(frozen=True)
class Connection:
    kind: str  # the CASE associationType
    direction: str  # "out": from this competency; "in": from another one into it
    words: str
    competency: Competency | None  # a competency the viewer can open
    label: str
    url: str  # an outside address, only when it is http(s)


def connections_of(*, viewer: Any, competency: Competency) -> list[Connection]:
    """The published connections from this competency, and those from other competencies the viewer sees into
    it. A target that is a competency the viewer sees opens in Pollinate; anything else shows its title and, when it
    is a web address, links to it."""
    visible = policies.competencies_visible_to(viewer)
    outgoing = list(CompetencyLink.objects.filter(competency=competency))
    incoming = (
        list(
            CompetencyLink.objects.filter(
                target_identifier=competency.case_identifier, competency__in=visible
            ).select_related("competency")
        )
        if competency.case_identifier
        else []
    )
    targets = {
        c.case_identifier: c
        for c in visible.filter(
            case_identifier__in={link.target_identifier for link in outgoing if link.target_identifier}
        )
    }
    found: list[Connection] = []
    for link in outgoing:
        # A link stored facing in (published into this competency from outside) reads the other way round.
        words = LINK_WORDS.get(link.kind, (link.kind, link.kind))[1 if link.incoming else 0]
        local = targets.get(link.target_identifier)
        uri = link.target_uri if link.target_uri.lower().startswith(("https://", "http://")) else ""
        label = (
            (local.code or local.label) if local else (link.target_title or link.target_uri or link.target_identifier)
        )
        direction = "in" if link.incoming else "out"
        found.append(Connection(link.kind, direction, str(words), local, label, "" if local else uri))
    for link in incoming:
        # Another competency's link naming this one: into it, unless that link itself faces in (then it is this
        # competency's own connection out to that one).
        words = LINK_WORDS.get(link.kind, (link.kind, link.kind))[0 if link.incoming else 1]
        source = link.competency
        direction = "out" if link.incoming else "in"
        found.append(Connection(link.kind, direction, str(words), source, source.code or source.label, ""))
    return found


def _subtree(rows: list[Competency], root_id: int) -> set[int]:
    inside = {root_id}
    for c in rows:  # rows are in pre-order, so a parent always comes before its children
        if c.parent_id in inside:
            inside.add(c.pk)
    return inside


def competency_page(
    *,
    viewer: Any,
    framework_id: int | None = None,
    q: str = "",
    item_type: str = "",
    scorable: bool | None = None,
    include_withdrawn: bool = False,
    page: int = 1,
    page_size: int | None = None,
) -> Page:
    """A flat, filtered page of competencies (the API's list)."""
    qs: QuerySet[Competency] = policies.competencies_visible_to(viewer).order_by("framework_id", "position", "id")
    if framework_id is not None:
        qs = qs.filter(framework_id=framework_id)
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(statement__icontains=q) | Q(abbreviated__icontains=q))
    if item_type:
        qs = qs.filter(item_type__iexact=item_type)
    if scorable is not None:
        qs = qs.filter(is_scorable=scorable)
    if not include_withdrawn:
        qs = qs.filter(withdrawn_at__isnull=True)
    size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    count = qs.count()
    items = list(qs[(page - 1) * size : page * size])
    return Page(items=items, count=count, page=page, page_size=size)


# Scales


def scale_list(*, viewer: Any) -> list[RubricScale]:
    scales = list(
        policies.scales_visible_to(viewer)
        .prefetch_related(_levels())
        .annotate(n_frameworks=Count("frameworks"))
        .order_by(F("district_id").asc(nulls_last=True), "name", "id")
    )
    for scale in scales:
        scale.can_edit = policies.can_edit_scale(viewer, scale)
    return scales


def scale_get(*, viewer: Any, scale_id: int) -> RubricScale:
    return get_object_for(viewer, policies.scales_visible_to(viewer).prefetch_related(_levels()), scale_id)


def scale_for_edit(*, viewer: Any, scale_id: int) -> RubricScale:
    return get_object_for(
        viewer,
        policies.scales_visible_to(viewer).prefetch_related(_levels()),
        scale_id,
        allowed=policies.can_edit_scale,
    )


def scale_choices_for(*, viewer: Any, district_id: int) -> list[RubricScale]:
    """Scales a framework of ``district_id`` may use: the shared ones and the district's own."""
    return list(
        policies.scales_visible_to(viewer)
        .filter(Q(district__isnull=True) | Q(district_id=district_id))
        .order_by(F("district_id").asc(nulls_last=True), "name", "id")
    )
