"""Reads of choice boards and playlists for a viewer. Every one starts from the choice policies."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from pollinate.choice import policies
from pollinate.choice.models import Activity, ActivityChoice, Pathway, PathwayItem
from pollinate.core.access import get_object_for, require
from pollinate.core.audit import record_student_reads
from pollinate.goals.models import SystemGoal
from pollinate.people.models import Enrollment, Person, RecordStatus, Section
from pollinate.people.roles import scope_for

DONE = ActivityChoice.Status.DONE


@dataclass
class ItemState:
    item: PathwayItem
    choice: ActivityChoice | None = None
    is_next: bool = False
    can_choose: bool = False

    @property
    def activity(self) -> Activity:
        return self.item.activity


@dataclass
class PathwayState:
    """One pathway as a learner sees it: what they picked, how far they got and what is next."""

    pathway: Pathway
    items: list[ItemState]
    picks_used: int = 0
    done_count: int = 0
    next_item: ItemState | None = None
    my_proposals: list[ItemState] = field(default_factory=list)

    @property
    def is_board(self) -> bool:
        return self.pathway.kind == Pathway.Kind.CHOICE_BOARD

    @property
    def goal_count(self) -> int:
        """How many activities finish this pathway: the picks required on a board, every item of a playlist."""
        return self.pathway.picks_required if self.is_board else len(self.items)

    @property
    def picks_left(self) -> int:
        return max(0, self.pathway.picks_required - self.picks_used) if self.is_board else 0

    @property
    def is_complete(self) -> bool:
        return self.goal_count > 0 and self.done_count >= self.goal_count

    @property
    def chosen(self) -> list[ItemState]:
        return [s for s in self.items if s.choice is not None]


def _state(pathway: Pathway, items: list[PathwayItem], choices: dict[int, ActivityChoice], viewer_id: Any,
           may_choose: bool) -> PathwayState:
    """Work out picks, progress and what is next from already-loaded rows (no queries)."""
    mine = [ItemState(item=i, choice=choices.get(i.activity_id)) for i in items if i.activity.is_approved]
    proposals = [
        ItemState(item=i, choice=choices.get(i.activity_id))
        for i in items
        if i.activity.proposed_by_id == viewer_id and not i.activity.is_approved
    ]
    state = PathwayState(pathway=pathway, items=mine, my_proposals=proposals)
    state.picks_used = sum(1 for s in mine if s.choice) + sum(1 for s in proposals if s.activity.is_pending)
    state.done_count = sum(1 for s in mine if s.choice and s.choice.status == DONE)
    if pathway.kind == Pathway.Kind.PLAYLIST:
        # In order: what is next is the first activity not done yet; only it can be started.
        state.next_item = next((s for s in mine if not (s.choice and s.choice.status == DONE)), None)
        if state.next_item is not None:
            state.next_item.is_next = True
            state.next_item.can_choose = may_choose and state.next_item.choice is None
    else:
        state.next_item = next((s for s in mine if s.choice and s.choice.status != DONE), None)
        if state.next_item is not None:
            state.next_item.is_next = True
        for s in mine:
            s.can_choose = may_choose and s.choice is None and state.picks_used < pathway.picks_required
    return state


def _items_prefetch(viewer: Any) -> Prefetch:
    own = Q(activity__proposed_by__isnull=True) | Q(activity__proposed_by_id=getattr(viewer, "pk", None))
    return Prefetch(
        "items",
        queryset=PathwayItem.objects.filter(own).select_related("activity").order_by("position", "id"),
        to_attr="visible_items",
    )


def my_pathways(*, viewer: Any) -> list[PathwayState]:
    """For a student: each published pathway of their classes with what they picked and what is next.

    Three queries whatever the number of pathways, activities and picks.
    """
    pathways = list(
        policies.pathways_open_to_choose(viewer).prefetch_related(_items_prefetch(viewer)).order_by("-created_at")
    )
    choices: dict[int, dict[int, ActivityChoice]] = defaultdict(dict)
    for c in ActivityChoice.objects.filter(learner_id=viewer.pk, pathway__in=[p.pk for p in pathways]):
        choices[c.pathway_id][c.activity_id] = c
    return [_state(p, p.visible_items, choices[p.pk], viewer.pk, may_choose=True) for p in pathways]


def pathways_taught(*, viewer: Any) -> list[Pathway]:
    """Pathways of the classes the viewer teaches (drafts too), with their classes and counts."""
    return list(
        policies.pathways_taught_by(viewer)
        .prefetch_related(Prefetch("sections", queryset=Section.objects.order_by("title")))
        .annotate(
            item_count=Count("items", filter=Q(items__activity__is_approved=True), distinct=True),
            learner_count=Count("choices__learner", distinct=True),
        )
        .order_by("-created_at")
    )


def pathways_list(*, viewer: Any) -> list[Pathway]:
    """Every pathway the viewer may see, with its classes and visible activities (constant queries)."""
    return list(
        policies.pathways_visible_to(viewer)
        .prefetch_related("sections", _items_prefetch(viewer))
        .order_by("-created_at")
    )


@dataclass
class PathwayPage:
    pathway: Pathway
    state: PathwayState
    can_manage: bool
    can_teach: bool
    can_choose: bool
    pending: list[PathwayItem]


def pathway_get(*, viewer: Any, pathway_id: Any) -> PathwayPage:
    pathway = get_object_for(
        viewer, policies.pathways_visible_to(viewer).prefetch_related("sections", "items__activity__proposed_by"),
        pathway_id,
    )
    can_teach = policies.can_teach_pathway(viewer, pathway)
    can_choose = policies.can_choose_on(viewer, pathway)
    items = sorted(
        (i for i in pathway.items.all() if can_teach or i.activity.proposed_by_id in (None, viewer.pk)),
        key=lambda i: (i.position, i.id),
    )
    choices = {}
    if can_choose:
        choices = {c.activity_id: c for c in ActivityChoice.objects.filter(learner_id=viewer.pk, pathway=pathway)}
    state = _state(pathway, items, choices, viewer.pk, may_choose=can_choose)
    pending = [i for i in items if i.activity.is_pending] if can_teach else []
    return PathwayPage(
        pathway=pathway, state=state, can_manage=policies.can_manage_pathway(viewer, pathway),
        can_teach=can_teach, can_choose=can_choose, pending=pending,
    )


def pending_activity_proposals(*, viewer: Any) -> list[PathwayItem]:
    """For a teacher: learners' proposed activities waiting for them, oldest first (one query)."""
    taught = scope_for(viewer).taught_section_ids
    if not taught:
        return []
    # Only proposals from learners this teacher teaches in one of that pathway's classes.
    teaches_proposer_here = policies.PathwaySection.objects.filter(
        pathway_id=OuterRef("pathway_id"),
        section_id__in=taught,
        section__enrollments__person_id=OuterRef("activity__proposed_by_id"),
        section__enrollments__role=Enrollment.EnrollmentRole.STUDENT,
        section__enrollments__status=RecordStatus.ACTIVE,
    )
    return list(
        PathwayItem.objects.filter(
            Exists(teaches_proposer_here),
            activity__proposed_by__isnull=False,
            activity__is_approved=False,
            activity__declined_at__isnull=True,
        )
        .select_related("activity", "activity__proposed_by", "pathway")
        .order_by("activity__created_at", "id")
    )


@dataclass
class ProgressRow:
    learner: Person
    picks: list[ActivityChoice]
    done_count: int
    next_title: str


def pathway_progress(*, viewer: Any, pathway_id: Any, path: str = "") -> dict[str, Any]:
    """Who picked what and how far they got, for the students the viewer teaches in the pathway's classes.

    Constant queries; the read of those students' records is audited.
    """
    page = pathway_get(viewer=viewer, pathway_id=pathway_id)
    require(page.can_teach)
    pathway = page.pathway
    section_ids = {s.pk for s in pathway.sections.all()} & scope_for(viewer).taught_section_ids
    learners: dict[int, Person] = {}
    for e in (
        Enrollment.objects.filter(
            section_id__in=section_ids, role=Enrollment.EnrollmentRole.STUDENT, status=RecordStatus.ACTIVE
        ).select_related("person").order_by("person__family_name", "person__given_name", "person_id")
    ):
        learners.setdefault(e.person_id, e.person)
    by_learner: dict[int, list[ActivityChoice]] = defaultdict(list)
    for c in ActivityChoice.objects.filter(pathway=pathway, learner_id__in=list(learners)).select_related(
        "activity"
    ).order_by("chosen_at", "id"):
        by_learner[c.learner_id].append(c)
    ordered = [s.item for s in page.state.items]
    rows = []
    for learner_id, learner in learners.items():
        picks = by_learner[learner_id]
        done = {c.activity_id for c in picks if c.status == DONE}
        if pathway.kind == Pathway.Kind.PLAYLIST:
            nxt = next((i.activity.title for i in ordered if i.activity_id not in done), "")
        else:
            nxt = next((c.activity.title for c in picks if c.status != DONE), "")
        rows.append(ProgressRow(learner=learner, picks=picks, done_count=len(done), next_title=nxt))
    record_student_reads(viewer, list(learners), verb="pathway_progress.view", obj=pathway,
                         district_id=pathway.district_id, path=path)
    return {"page": page, "pathway": pathway, "rows": rows, "goal_count": page.state.goal_count}


def sections_to_build_for(*, viewer: Any) -> list[Section]:
    """The classes the viewer may build a pathway for (the ones they teach)."""
    return list(
        Section.objects.filter(id__in=scope_for(viewer).taught_section_ids, status=RecordStatus.ACTIVE)
        .select_related("school").order_by("title")
    )


def system_goals_for(*, viewer: Any, district_id: int | None) -> list[SystemGoal]:
    """Published school and district goals an activity may align to (everyone in the district sees them)."""
    if district_id is None or district_id not in scope_for(viewer).district_ids:
        return []
    return list(SystemGoal.objects.filter(district_id=district_id, is_published=True).order_by("level", "title"))


def choice_get(*, viewer: Any, choice_id: Any) -> ActivityChoice:
    """One of the viewer's own picks (anyone else's answers 404)."""
    return get_object_for(
        viewer, ActivityChoice.objects.filter(learner_id=getattr(viewer, "pk", None)).select_related("pathway"),
        choice_id,
    )


def pathway_states(*, viewer: Any) -> list[PathwayState]:
    """Every pathway the viewer may see, each with the viewer's own picks and what is next (constant queries)."""
    pathways = pathways_list(viewer=viewer)
    choices: dict[int, dict[int, ActivityChoice]] = defaultdict(dict)
    for c in ActivityChoice.objects.filter(learner_id=viewer.pk, pathway__in=[p.pk for p in pathways]):
        choices[c.pathway_id][c.activity_id] = c
    return [
        _state(p, p.visible_items, choices[p.pk], viewer.pk, may_choose=policies.can_choose_on(viewer, p))
        for p in pathways
    ]
