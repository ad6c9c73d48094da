"""Reads of goals on behalf of a viewer. Every one starts from ``goals_visible_to`` (or the system-goal policy).

Reading a learner's goals is reading their record: when the viewer is not the learner, the read is recorded
with ``record_student_reads`` here, in a fixed number of queries whatever the number of goals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pollinate.core.access import get_object_for, require
from pollinate.core.audit import record_student_reads
from pollinate.core.errors import NotFound
from pollinate.goals import policies
from pollinate.goals.models import ActionStep, CheckIn, Goal, GoalEvent, SystemGoal
from pollinate.people import policies as people_policies
from pollinate.people.models import CoachingAssignment, Enrollment, Person, RecordStatus, Section
from pollinate.people.queries import Page
from pollinate.people.roles import scope_for

S = Goal.Status
ACTIVE = RecordStatus.ACTIVE
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
# Order of the groups on "my goals": what needs the learner first, finished goals last.
STATUS_ORDER = [S.CHANGES_REQUESTED, S.DRAFT, S.PROPOSED, S.ACTIVE, S.ACHIEVED, S.REVISED, S.DROPPED]
# Network depth, the same as the scope resolver's downward walk (lead coach → site coach → teacher).
COACHING_DEPTH = 3


def _audit(viewer: Any, goals: list[Goal], *, verb: str, obj: Any = None, path: str = "") -> None:
    if not goals:
        return
    record_student_reads(
        viewer,
        {g.learner_id for g in goals},
        verb=verb,
        obj=obj,
        district_id=goals[0].district_id,
        path=path,
    )


def _with_people(qs: QuerySet[Goal]) -> QuerySet[Goal]:
    return qs.select_related("learner", "guide", "aligned_to")


# Guides


def guides_of(*, learner: Any) -> list[Person]:
    """Everyone who guides ``learner``: the mirror of ``people.policies.learners_guided_by``.

    Teachers of the classes the learner takes as a student, and their coaches and mentors up the coaching
    network (a lead coach guides the teachers their site coaches coach; a mentor's own coach does not guide
    the mentee). At most ``1 + COACHING_DEPTH + 1`` queries.
    """
    learner_sections = Enrollment.objects.filter(
        person_id=learner.pk, role=Enrollment.EnrollmentRole.STUDENT, status=ACTIVE
    ).values("section_id")
    ids = set(
        Enrollment.objects.filter(
            section_id__in=learner_sections, role__in=Enrollment.TEACHING_ROLES, status=ACTIVE
        ).values_list("person_id", flat=True)
    )
    # The first step up may be any kind of support; further steps only along coaching (not mentoring) links,
    # because the resolver walks down only through coachees, never through mentees.
    rows = CoachingAssignment.objects.filter(coachee_id=learner.pk, status=ACTIVE)
    frontier: set[int] = set()
    for coach_id, kind in rows.values_list("coach_id", "kind"):
        ids.add(coach_id)
        if kind != CoachingAssignment.Kind.MENTOR_TO_STUDENT:
            frontier.add(coach_id)
    for _depth in range(COACHING_DEPTH - 1):
        if not frontier:
            break
        coaches = set(
            CoachingAssignment.objects.filter(coachee_id__in=frontier, status=ACTIVE)
            .exclude(kind=CoachingAssignment.Kind.MENTOR_TO_STUDENT)
            .values_list("coach_id", flat=True)
        )
        frontier = coaches - ids
        ids |= coaches
    ids.discard(learner.pk)
    return list(Person.objects.filter(id__in=ids, is_active=True).order_by("family_name", "given_name", "id"))


# System goals


def system_goal_list(*, viewer: Any, published_only: bool = False) -> list[SystemGoal]:
    qs = policies.system_goals_visible_to(viewer).select_related("school").order_by("level", "school__name", "title")
    if published_only:
        qs = qs.filter(is_published=True)
    return list(qs)


def system_goal_get(*, viewer: Any, system_goal_id: int) -> SystemGoal:
    return get_object_for(viewer, policies.system_goals_visible_to(viewer), system_goal_id)


def alignment_choices_for(*, learner: Any) -> list[SystemGoal]:
    """Published goals a learner may align to: their district's goals and their schools' goals."""
    scope = scope_for(learner)
    return list(
        SystemGoal.objects.filter(district_id=learner.district_id, is_published=True)
        .filter(Q(level=SystemGoal.Level.DISTRICT) | Q(school_id__in=scope.member_school_ids))
        .select_related("school")
        .order_by("level", "title")
    )


def publishable_schools(*, viewer: Any) -> list[Any]:
    """Schools the viewer may publish school goals for (schools they lead, or every school they administer)."""
    scope = scope_for(viewer)
    return list(
        people_policies.schools_visible_to(viewer)
        .filter(Q(id__in=scope.led_school_ids) | Q(district_id__in=scope.admin_district_ids), status=ACTIVE)
        .order_by("name")
    )


@dataclass(frozen=True)
class AlignmentRow:
    system_goal: SystemGoal
    active_count: int
    achieved_count: int
    average_progress: int


def alignment(*, viewer: Any) -> list[AlignmentRow]:
    """For each system goal the viewer leads: how many active personal goals serve it, how many were achieved,
    and the average progress of the active ones, counting only learners the viewer oversees. One query."""
    require(policies.can_view_alignment(viewer))
    overseen = people_policies.learners_overseen_by(viewer).values("id")
    mine = Q(aligned_goals__learner_id__in=overseen)
    active = mine & Q(aligned_goals__status=S.ACTIVE)
    scope = scope_for(viewer)
    rows = (
        policies.system_goals_visible_to(viewer)
        .filter(
            Q(level=SystemGoal.Level.DISTRICT)
            | Q(school_id__in=scope.led_school_ids)
            | Q(district_id__in=scope.admin_district_ids)
        )
        .select_related("school")
        .annotate(
            active_count=Count("aligned_goals", filter=active),
            achieved_count=Count("aligned_goals", filter=mine & Q(aligned_goals__status=S.ACHIEVED)),
            average_progress=Avg("aligned_goals__progress", filter=active),
        )
        .order_by("level", "school__name", "title")
    )
    return [
        AlignmentRow(
            system_goal=row,
            active_count=row.active_count,
            achieved_count=row.achieved_count,
            average_progress=round(row.average_progress or 0),
        )
        for row in rows
    ]


# One goal


def goal_get(*, viewer: Any, goal_id: int, path: str = "") -> Goal:
    """One goal (404 when the viewer may not see it). A read by anyone but the learner is recorded."""
    goal = get_object_for(viewer, _with_people(policies.goals_visible_to(viewer)), goal_id)
    _audit(viewer, [goal], verb="goal.view", obj=goal, path=path)
    return goal


SNAPSHOT_LABELS = {
    "kind": gettext_lazy("Kind"),
    "title": gettext_lazy("Goal"),
    "specific": gettext_lazy("What exactly will I do?"),
    "measure": gettext_lazy("How will I know I got there?"),
    "achievable": gettext_lazy("Why is it within reach?"),
    "relevant": gettext_lazy("Why does it matter to me?"),
    "due_on": gettext_lazy("By when?"),
    "wish": gettext_lazy("Wish"),
    "outcome": gettext_lazy("Outcome"),
    "obstacle": gettext_lazy("Obstacle"),
    "plan": gettext_lazy("Plan"),
    "aligned_to_title": gettext_lazy("Aligned to"),
    "guide_name": gettext_lazy("Guide"),
    "check_in_every_days": gettext_lazy("Check in every (days)"),
}


def snapshot_changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """What changed between two snapshots, in the order of the goal form, with labels a person can read."""
    kinds = dict(Goal.Kind.choices)

    def shown(key: str, value: Any) -> Any:
        return kinds.get(value, value) if key == "kind" else value

    return [
        {"field": key, "label": str(label), "before": shown(key, before.get(key)), "after": shown(key, after.get(key))}
        for key, label in SNAPSHOT_LABELS.items()
        if before.get(key) != after.get(key)
    ]


def goal_history(goal: Goal, events: list[GoalEvent]) -> list[dict[str, Any]]:
    """The timeline: each event with what changed compared with the goal as it stood before it."""
    timeline = []
    for event in events:
        snapshot = event.snapshot or {}
        previous = snapshot.get("previous")
        changes = snapshot_changes(previous, snapshot.get("fields", {})) if previous is not None else []
        timeline.append({"event": event, "changes": changes})
    return timeline


def goal_detail(*, viewer: Any, goal_id: int, path: str = "") -> dict[str, Any]:
    """Everything the goal page shows, and what the viewer may do there. A fixed number of queries."""
    goal = get_object_for(
        viewer,
        _with_people(policies.goals_visible_to(viewer)).select_related("agreed_by", "revises").prefetch_related(
            Prefetch("events", queryset=GoalEvent.objects.select_related("actor").order_by("at", "id")),
            Prefetch("action_steps", queryset=ActionStep.objects.order_by("position", "id")),
            Prefetch("check_ins", queryset=CheckIn.objects.select_related("author").order_by("-at", "-id")),
            Prefetch("revisions", queryset=Goal.objects.only("id", "title", "status", "revises_id")),
        ),
        goal_id,
    )
    _audit(viewer, [goal], verb="goal.view", obj=goal, path=path)
    is_learner = policies.is_goal_learner(viewer, goal)
    # One query for the guide relationship, reused for every verb below.
    is_guide = policies.is_goal_guide(viewer, goal)
    acts = is_learner or is_guide

    def now(verb: str) -> bool:
        return policies.allowed_now(goal, verb)

    events = list(goal.events.all())
    requests = [e for e in events if e.kind == GoalEvent.Kind.CHANGES_REQUESTED]
    return {
        "goal": goal,
        "latest_request": requests[-1] if requests and goal.status == S.CHANGES_REQUESTED else None,
        "timeline": goal_history(goal, events),
        "action_steps": list(goal.action_steps.all()),
        "check_ins": list(goal.check_ins.all()),
        "revisions": list(goal.revisions.all()),
        "is_learner": is_learner,
        "is_guide": is_guide,
        "can": {
            "edit": is_learner and now("edit"),
            "propose": is_learner and now("propose"),
            "agree": is_guide and now("agree"),
            "request_changes": is_guide and now("request_changes"),
            "achieve": acts and now("achieve"),
            "revise": is_learner and now("revise"),
            "drop": is_learner and now("drop"),
            "steps": acts and now("add_step"),
            "check_in": acts and now("check_in"),
        },
    }


def action_step_get(*, viewer: Any, goal: Goal, step_id: int) -> ActionStep:
    try:
        return ActionStep.objects.get(goal=goal, pk=step_id)
    except (ActionStep.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(_("Not found.")) from exc


def check_in_get(*, viewer: Any, goal: Goal, check_in_id: int) -> CheckIn:
    try:
        return CheckIn.objects.get(goal=goal, pk=check_in_id)
    except (CheckIn.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(_("Not found.")) from exc


def action_step_list(*, viewer: Any, goal_id: int, path: str = "") -> list[ActionStep]:
    goal = goal_get(viewer=viewer, goal_id=goal_id, path=path)
    return list(goal.action_steps.order_by("position", "id"))


def check_in_list(*, viewer: Any, goal_id: int, path: str = "") -> list[CheckIn]:
    goal = goal_get(viewer=viewer, goal_id=goal_id, path=path)
    return list(goal.check_ins.select_related("author").order_by("-at", "-id"))


# Lists


def _goal_queryset(
    *, viewer: Any, learner: Any = None, status: str | None = None, section_id: int | None = None
) -> QuerySet[Goal]:
    qs = _with_people(policies.goals_visible_to(viewer))
    if learner is not None:
        qs = qs.filter(learner_id=getattr(learner, "pk", learner))
    if status:
        qs = qs.filter(status=status)
    if section_id is not None:
        qs = qs.filter(
            learner_id__in=Enrollment.objects.filter(
                section_id=section_id, role=Enrollment.EnrollmentRole.STUDENT, status=ACTIVE
            ).values("person_id")
        )
    return qs.order_by("-updated_at", "-id")


def goal_list(
    *,
    viewer: Any,
    learner: Any = None,
    status: str | None = None,
    section_id: int | None = None,
    limit: int | None = None,
    path: str = "",
) -> list[Goal]:
    """Goals the viewer may see, newest change first, optionally for one learner, status or class. Audited."""
    qs = _goal_queryset(viewer=viewer, learner=learner, status=status, section_id=section_id)
    goals = list(qs[:limit] if limit else qs)
    _audit(viewer, goals, verb="goal_list.view", path=path)
    return goals


def goal_page(
    *,
    viewer: Any,
    learner: Any = None,
    status: str | None = None,
    section_id: int | None = None,
    page: int = 1,
    page_size: int | None = None,
    path: str = "",
) -> Page:
    """One page of ``goal_list``; only the learners on the page are recorded as read."""
    qs = _goal_queryset(viewer=viewer, learner=learner, status=status, section_id=section_id)
    size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    offset = (page - 1) * size
    items = list(qs[offset : offset + size])
    _audit(viewer, items, verb="goal_list.view", path=path)
    return Page(items=items, count=qs.count(), page=page, page_size=size)


def my_goals(*, viewer: Any) -> list[dict[str, Any]]:
    """The learner's own goals grouped by status, in the order a learner acts on them. One query, not audited."""
    goals = list(_goal_queryset(viewer=viewer, learner=viewer))
    groups = []
    for status in STATUS_ORDER:
        members = [g for g in goals if g.status == status]
        if members:
            groups.append({"status": status, "label": S(status).label, "goals": members})
    return groups


def learner_goals_get(*, viewer: Any, learner_id: int, path: str = "") -> dict[str, Any]:
    """One learner's goals as a guide, family member or leader sees them (drafts never). 404 if not theirs."""
    if not policies.can_view_goals_of(viewer, learner_id):
        raise NotFound(_("Not found."))
    learner = get_object_for(viewer, people_policies.people_visible_to(viewer), learner_id)
    goals = goal_list(viewer=viewer, learner=learner, path=path)
    groups = []
    for status in STATUS_ORDER:
        members = [g for g in goals if g.status == status]
        if members:
            groups.append({"status": status, "label": S(status).label, "goals": members})
    return {"learner": learner, "groups": groups, "is_self": learner.pk == viewer.pk}


def guide_sections(*, viewer: Any) -> list[Section]:
    """Classes the viewer teaches (for filtering "my learners' goals")."""
    return list(
        Section.objects.filter(id__in=scope_for(viewer).taught_section_ids, status=ACTIVE)
        .select_related("school")
        .order_by("title")
    )


def guided_goal_page(
    *,
    viewer: Any,
    section_id: int | None = None,
    status: str | None = None,
    page: int = 1,
    page_size: int | None = None,
    path: str = "",
) -> Page:
    """Goals of the learners the viewer guides (not their own), filterable by class and status."""
    qs = _goal_queryset(viewer=viewer, status=status, section_id=section_id).exclude(learner_id=viewer.pk)
    qs = qs.filter(
        Q(guide_id=viewer.pk) | Q(learner_id__in=people_policies.learners_guided_by(viewer).values("id"))
    )
    size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    offset = (page - 1) * size
    items = list(qs[offset : offset + size])
    _audit(viewer, items, verb="goal_list.view", path=path)
    return Page(items=items, count=qs.count(), page=page, page_size=size)


# For the dashboards: a guide's queue and a learner's home.


def _guided_by(viewer: Any) -> QuerySet[Goal]:
    return (
        _with_people(policies.goals_visible_to(viewer))
        .exclude(learner_id=getattr(viewer, "pk", None))
        .filter(Q(guide_id=viewer.pk) | Q(learner_id__in=people_policies.learners_guided_by(viewer).values("id")))
    )


def goals_awaiting_agreement(*, viewer: Any, limit: int | None = None, path: str = "") -> list[Goal]:
    """Goals proposed to the viewer (or to any guide of a learner they guide), longest waiting first."""
    if scope_for(viewer).is_anonymous:
        return []
    qs = _guided_by(viewer).filter(status=S.PROPOSED).order_by("updated_at", "id")
    goals = list(qs[:limit] if limit else qs)
    _audit(viewer, goals, verb="goal_queue.view", path=path)
    return goals


def goals_with_overdue_check_ins(
    *, viewer: Any, today: dt.date | None = None, limit: int | None = None, path: str = ""
) -> list[Goal]:
    """Active goals of the viewer's learners whose check-in date has passed, most overdue first."""
    if scope_for(viewer).is_anonymous:
        return []
    today = today or timezone.localdate()
    qs = _guided_by(viewer).filter(status=S.ACTIVE, next_check_in_on__lt=today).order_by("next_check_in_on", "id")
    goals = list(qs[:limit] if limit else qs)
    _audit(viewer, goals, verb="goal_queue.view", path=path)
    return goals


def learner_goal_summary(
    *, viewer: Any, learner: Any, today: dt.date | None = None, path: str = ""
) -> dict[str, Any]:
    """Counts by status, how many active goals are due a check-in, and the 3 most recently active goals.

    Counts only what the viewer may see (a guide never counts drafts). Two queries, plus the audit when the
    viewer is not the learner.
    """
    today = today or timezone.localdate()
    visible = policies.goals_visible_to(viewer).filter(learner_id=learner.pk)
    counts = dict.fromkeys(S.values, 0)
    overdue = 0
    for row in visible.values("status").annotate(
        n=Count("id"), overdue=Count("id", filter=Q(status=S.ACTIVE, next_check_in_on__lt=today))
    ).order_by():
        counts[row["status"]] = row["n"]
        overdue += row["overdue"]
    recent = list(visible.filter(status=S.ACTIVE).select_related("aligned_to").order_by("-last_activity_at", "-id")[:3])
    if recent or any(counts.values()):
        record_student_reads(viewer, [learner.pk], verb="goal_summary.view", district_id=learner.district_id,
                             path=path)
    return {"counts": counts, "overdue_check_ins": overdue, "recent_active": recent, "total": sum(counts.values())}


def goal_form_choices(*, viewer: Any) -> dict[str, Any]:
    """The guides a learner may propose to and the system goals they may align to (for the goal form)."""
    return {"guides": guides_of(learner=viewer), "system_goals": alignment_choices_for(learner=viewer)}


def system_goals_page(*, viewer: Any) -> dict[str, Any]:
    """System goals the viewer sees, and whether (and where) they may publish new ones."""
    scope = scope_for(viewer)
    goals = system_goal_list(viewer=viewer)
    return {
        "system_goals": goals,
        "schools": publishable_schools(viewer=viewer),
        "can_publish": policies.can_publish_any_system_goal(viewer),
        "can_publish_district": bool(scope.admin_district_ids),
        "manageable_ids": {g.pk for g in goals if policies.can_manage_system_goal(viewer, g)},
    }


def learner_goal_page(
    *, viewer: Any, learner_id: int | None = None, status: str | None = None, page: int = 1,
    page_size: int | None = None, path: str = "",
) -> Page:
    """The API's goal list: the viewer's own goals, or those of a learner they may see (404 otherwise)."""
    learner_id = learner_id or viewer.pk
    if not policies.can_view_goals_of(viewer, learner_id):
        raise NotFound(_("Not found."))
    return goal_page(viewer=viewer, learner=learner_id, status=status, page=page, page_size=page_size, path=path)
