"""Reads for the role home pages. Every read starts from a people policy, so a home page can never show
more than the person may see elsewhere.

Each panel costs a fixed number of queries, whatever the number of classes, students or schools: counts
come from ``annotate``/``values`` aggregation, and related rows are fetched in one query per kind and
grouped in Python. Which panels a person gets is read from their scope (their roles and relationships).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db.models import Count, DateTimeField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from pollinate.choice.models import ActivityChoice, Pathway, PathwayItem
from pollinate.core.audit import record_student_reads
from pollinate.dashboards import links
from pollinate.evidence.audience import visible_by_audience
from pollinate.evidence.models import Audience, Evidence
from pollinate.goals.models import Goal
from pollinate.notifications.models import Notification
from pollinate.people import policies
from pollinate.people.models import (
    CoachingAssignment,
    Enrollment,
    Person,
    RecordStatus,
    Role,
    RoleAssignment,
    School,
    Section,
)
from pollinate.people.roles import Scope, scope_for
from pollinate.reflections.models import Feedback, Reflection, ReflectionPrompt

ACTIVE = RecordStatus.ACTIVE
STUDENT = Enrollment.EnrollmentRole.STUDENT
TEACHING = Enrollment.TEACHING_ROLES
# A site coach supports about this many teachers (the programme's staffing target).
CASELOAD_TARGET = 45


@dataclass
class ClassCard:
    """A class as shown on a home page: where and when it meets, and who teaches it."""

    section: Section
    teachers: list[Person] = field(default_factory=list)


@dataclass
class ChildCard:
    child: Person
    classes: list[ClassCard] = field(default_factory=list)
    goals: list[Any] = field(default_factory=list)
    portfolio_url: str = ""
    goals_url: str = ""


@dataclass
class Bar:
    label: str
    value: int
    percent: int


@dataclass
class SchoolRow:
    school: School
    classes: int = 0
    teachers: int = 0
    students: int = 0


@dataclass
class DistrictPanel:
    district: Any
    schools: int = 0
    classes: int = 0
    teachers: int = 0
    students: int = 0
    guardians: int = 0
    school_rows: list[SchoolRow] = field(default_factory=list)
    classes_chart: list[Bar] = field(default_factory=list)


@dataclass
class Home:
    """Everything one person's home page shows: one panel per role they hold (None when not theirs)."""

    district_admin: list[DistrictPanel] | None = None
    school_leader: list[SchoolRow] | None = None
    lead_coach: dict[str, Any] | None = None
    site_coach: dict[str, Any] | None = None
    teacher: dict[str, Any] | None = None
    mentor: list[Person] | None = None
    guardian: list[ChildCard] | None = None
    student: list[ClassCard] | None = None
    # Learning: the guide's queue counts, and the learner's own goals, next steps and work.
    queue: dict[str, int] | None = None
    learner: Any = None

    @property
    def is_empty(self) -> bool:
        return all(
            getattr(self, name) is None
            for name in (
                "district_admin", "school_leader", "lead_coach", "site_coach",
                "teacher", "mentor", "guardian", "student", "queue", "learner",
            )
        )


def home(*, viewer: Any, path: str = "") -> Home:
    """The home page of ``viewer``: a panel for each role in their scope, most far-reaching first."""
    scope = scope_for(viewer)
    page = Home()
    if scope.is_anonymous:
        return page
    if scope.admin_district_ids:
        page.district_admin = district_panels(viewer=viewer, scope=scope)
    if scope.led_school_ids:
        page.school_leader = led_schools(viewer=viewer, scope=scope)
    if scope.has_role(Role.LEAD_COACH):
        page.lead_coach = lead_coach_network(viewer=viewer)
    if scope.has_role(Role.SITE_COACH):
        page.site_coach = site_coach_caseload(viewer=viewer)
    if scope.taught_section_ids or scope.has_role(Role.TEACHER):
        page.teacher = teacher_classes(viewer=viewer, scope=scope)
    if scope.mentee_ids or scope.has_role(Role.MENTOR):
        page.mentor = mentees(viewer=viewer, scope=scope, path=path)
    if scope.ward_ids or scope.has_role(Role.GUARDIAN):
        page.guardian = children(viewer=viewer, scope=scope, path=path)
    if scope.enrolled_section_ids or scope.has_role(Role.STUDENT):
        page.student = student_classes(viewer=viewer, scope=scope)
    if scope.taught_section_ids or scope.mentee_ids or scope.coachee_ids:
        page.queue = guide_queue_counts(viewer=viewer)
    if _is_learner(scope):
        page.learner = learner_home(viewer=viewer, scope=scope)
    return page


# Educators pursue professional goals with their coaches, so they get a learner's panel too.
_LEARNER_ROLES = (Role.STUDENT, Role.TEACHER, Role.SITE_COACH, Role.LEAD_COACH, Role.MENTOR, Role.SCHOOL_LEADER)


def _is_learner(scope: Scope) -> bool:
    return bool(scope.enrolled_section_ids or scope.taught_section_ids or scope.has_role(*_LEARNER_ROLES))


# --- shared pieces ---------------------------------------------------------------------------------


def _school_name() -> Coalesce:
    """A person's school: where they teach or learn, else the school their role is attached to."""
    enrolled_at = (
        Enrollment.objects.filter(person_id=OuterRef("pk"), status=ACTIVE)
        .order_by("school__name")
        .values("school__name")[:1]
    )
    assigned_to = (
        RoleAssignment.objects.filter(person_id=OuterRef("pk"), status=ACTIVE, school__isnull=False)
        .order_by("school__name")
        .values("school__name")[:1]
    )
    return Coalesce(Subquery(enrolled_at), Subquery(assigned_to), Value(""))


def _active_people(viewer: Any) -> QuerySet[Person]:
    return policies.people_visible_to(viewer).filter(status=ACTIVE)


def _class_cards(viewer: Any, section_ids: Any) -> list[ClassCard]:
    """Classes with their teachers, in two queries whatever their number."""
    sections = list(
        policies.sections_visible_to(viewer)
        .filter(id__in=section_ids, status=ACTIVE)
        .select_related("school")
        .order_by("periods", "title", "id")
    )
    cards = {s.pk: ClassCard(section=s) for s in sections}
    if not cards:
        return []
    teaching = (
        Enrollment.objects.filter(
            section_id__in=list(cards),
            role__in=TEACHING,
            status=ACTIVE,
            person_id__in=_active_people(viewer).values("id"),
        )
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "person_id")
    )
    for enrollment in teaching:
        cards[enrollment.section_id].teachers.append(enrollment.person)
    return list(cards.values())


def _school_rows(viewer: Any, schools: QuerySet[School]) -> list[SchoolRow]:
    """Schools with their counts of active classes, teachers and students: two queries in all."""
    annotated = schools.filter(status=ACTIVE).annotate(
        class_count=Count("sections", filter=Q(sections__status=ACTIVE), distinct=True)
    ).order_by("name")
    rows = {s.pk: SchoolRow(school=s, classes=s.class_count) for s in annotated}
    if not rows:
        return []
    counts = (
        Enrollment.objects.filter(
            school_id__in=list(rows),
            status=ACTIVE,
            section_id__in=policies.sections_visible_to(viewer).filter(status=ACTIVE).values("id"),
        )
        .values("school_id")
        .annotate(
            teachers=Count("person_id", filter=Q(role__in=TEACHING), distinct=True),
            students=Count("person_id", filter=Q(role=STUDENT), distinct=True),
        )
    )
    for c in counts:
        rows[c["school_id"]].teachers = c["teachers"]
        rows[c["school_id"]].students = c["students"]
    return list(rows.values())


def bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    """Bar lengths as a share of the largest value (0-100), for the server-rendered bar chart."""
    largest = max((value for _label, value in pairs), default=0)
    return [Bar(label, value, round(100 * value / largest) if largest else 0) for label, value in pairs]


# --- one function per panel ------------------------------------------------------------------------


def district_panels(*, viewer: Any, scope: Scope) -> list[DistrictPanel]:
    """Counts for each district the person administers, and each school's counts. Five queries in all."""
    districts = list(policies.districts_visible_to(viewer).filter(id__in=scope.admin_district_ids).order_by("name"))
    district_ids = [d.pk for d in districts]
    panels = {d.pk: DistrictPanel(district=d) for d in districts}
    rows = _school_rows(viewer, policies.schools_visible_to(viewer).filter(district_id__in=district_ids))
    for row in rows:
        panel = panels[row.school.district_id]
        panel.school_rows.append(row)
        panel.schools += 1
        panel.classes += row.classes
    people = (
        _active_people(viewer)
        .filter(district_id__in=district_ids)
        .values("district_id")
        .annotate(
            teachers=_count_with_role(Role.TEACHER),
            students=_count_with_role(Role.STUDENT),
            guardians=_count_with_role(Role.GUARDIAN),
        )
    )
    for c in people:
        panel = panels[c["district_id"]]
        panel.teachers, panel.students, panel.guardians = c["teachers"], c["students"], c["guardians"]
    for panel in panels.values():
        panel.classes_chart = bars([(row.school.name, row.classes) for row in panel.school_rows])
    return list(panels.values())


def _count_with_role(role: str) -> Count:
    return Count(
        "id", filter=Q(role_assignments__role=role, role_assignments__status=ACTIVE), distinct=True
    )


def led_schools(*, viewer: Any, scope: Scope) -> list[SchoolRow]:
    return _school_rows(viewer, policies.schools_visible_to(viewer).filter(id__in=scope.led_school_ids))


def lead_coach_network(*, viewer: Any) -> dict[str, Any]:
    """The site coaches a lead coach supports, each with their caseload, and the teachers they reach."""
    coaches = list(
        _active_people(viewer)
        .filter(
            coached_by__coach_id=viewer.pk,
            coached_by__kind=CoachingAssignment.Kind.LEAD_TO_SITE,
            coached_by__status=ACTIVE,
        )
        .annotate(
            caseload=Count(
                "coaching_caseload",
                filter=Q(
                    coaching_caseload__kind=CoachingAssignment.Kind.COACH_TO_TEACHER,
                    coaching_caseload__status=ACTIVE,
                ),
                distinct=True,
            ),
            school_name=_school_name(),
        )
        .order_by("family_name", "given_name", "id")
    )
    network_coach_ids = [c.pk for c in coaches] + [viewer.pk]
    teachers = (
        _active_people(viewer)
        .filter(
            coached_by__coach_id__in=network_coach_ids,
            coached_by__kind=CoachingAssignment.Kind.COACH_TO_TEACHER,
            coached_by__status=ACTIVE,
        )
        .values("id")
        .distinct()
        .count()
    )
    return {"coaches": coaches, "teacher_count": teachers, "target": CASELOAD_TARGET}


def site_coach_caseload(*, viewer: Any) -> dict[str, Any]:
    """The teachers a site coach supports, with their school and number of classes, against the target."""
    teachers = list(
        _active_people(viewer)
        .filter(
            coached_by__coach_id=viewer.pk,
            coached_by__kind=CoachingAssignment.Kind.COACH_TO_TEACHER,
            coached_by__status=ACTIVE,
        )
        .annotate(
            class_count=Count(
                "enrollments",
                filter=Q(enrollments__role__in=TEACHING, enrollments__status=ACTIVE),
                distinct=True,
            ),
            school_name=_school_name(),
        )
        .order_by("family_name", "given_name", "id")
    )
    return {
        "teachers": teachers,
        "size": len(teachers),
        "target": CASELOAD_TARGET,
        "open_places": max(CASELOAD_TARGET - len(teachers), 0),
    }


def teacher_classes(*, viewer: Any, scope: Scope) -> dict[str, Any]:
    """A teacher's classes with their student counts, the students taught in all, and who coaches them.

    Names no students, so nothing is recorded in the audit log.
    """
    sections = list(
        policies.sections_visible_to(viewer)
        .filter(id__in=scope.taught_section_ids, status=ACTIVE)
        .select_related("school")
        .annotate(
            student_count=Count(
                "enrollments", filter=Q(enrollments__role=STUDENT, enrollments__status=ACTIVE), distinct=True
            )
        )
        .order_by("periods", "title", "id")
    )
    total = (
        Enrollment.objects.filter(section_id__in=[s.pk for s in sections], role=STUDENT, status=ACTIVE)
        .values("person_id")
        .distinct()
        .count()
        if sections
        else 0
    )
    # The teacher's own coaching relationship: who supports them is part of their own record.
    coaches = [
        a.coach
        for a in CoachingAssignment.objects.filter(
            coachee_id=viewer.pk,
            kind=CoachingAssignment.Kind.COACH_TO_TEACHER,
            status=ACTIVE,
            coach__status=ACTIVE,
        ).select_related("coach").order_by("coach__family_name", "coach__given_name")
    ]
    return {"classes": sections, "student_total": total, "coaches": coaches}


def mentees(*, viewer: Any, scope: Scope, path: str = "") -> list[Person]:
    people = list(
        _active_people(viewer)
        .filter(id__in=scope.mentee_ids)
        .annotate(school_name=_school_name())
        .order_by("family_name", "given_name", "id")
    )
    record_student_reads(
        viewer, [p.pk for p in people], verb="mentor_home.view", district_id=scope.home_district_id, path=path
    )
    return people


def children(*, viewer: Any, scope: Scope, path: str = "") -> list[ChildCard]:
    """Each child of a guardian with their classes and those classes' teachers (four queries in all)."""
    kids = {
        p.pk: ChildCard(child=p)
        for p in _active_people(viewer).filter(id__in=scope.ward_ids).order_by("given_name", "family_name", "id")
    }
    if not kids:
        return []
    enrolled = list(
        Enrollment.objects.filter(
            person_id__in=list(kids),
            role=STUDENT,
            status=ACTIVE,
            section_id__in=policies.sections_visible_to(viewer).values("id"),
        ).values_list("person_id", "section_id")
    )
    sections_of: dict[int, set[int]] = defaultdict(set)
    for kid_id, section_id in enrolled:
        sections_of[kid_id].add(section_id)
    # Keep each child's classes in the timetable order that _class_cards gives.
    for card in _class_cards(viewer, {section_id for _kid, section_id in enrolled}):
        for kid_id, section_ids in sections_of.items():
            if card.section.pk in section_ids:
                kids[kid_id].classes.append(card)
    _children_goals(kids)
    record_student_reads(
        viewer, list(kids), verb="guardian_home.view", district_id=scope.home_district_id, path=path
    )
    return list(kids.values())


def student_classes(*, viewer: Any, scope: Scope) -> list[ClassCard]:
    return _class_cards(viewer, scope.enrolled_section_ids)


# --- learning: the guide queue ("who needs me") and the learner's home -------------------------------
#
# Built on the learning apps' models and the people relationship policies, following the decided access rules
# (goals: drafts only for the learner; evidence: the audience ladder in ``evidence.audience.visible_by_audience``;
# reflections: shared with guides). The apps' own queue queries (``goals_awaiting_agreement``,
# ``evidence_awaiting_feedback``, ...) each resolve the guide's learners and write their own audit event; the queue
# resolves the learners once, shares them across its five lists and records one read of everyone it names.
# Every list is one query whatever the number of classes or learners.

INACTIVE_DAYS_CHOICES = (7, 14, 30)
DEFAULT_INACTIVE_DAYS = 14
# Rows per queue list: beyond this the guide narrows by class (the page says there are more).
QUEUE_LIMIT = 15
HOME_ROWS = 5
# A date before any activity, so "never" sorts first and compares on every database (GREATEST is NULL on
# SQLite as soon as one argument is).
_NEVER = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class QueueList:
    rows: list[Any]
    more: bool = False

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)


@dataclass
class GuideQueue:
    """What a guide's queue shows, for the classes and inactivity window chosen."""

    classes: list[Section]
    section: Section | None
    days: int
    awaiting_agreement: QueueList
    awaiting_feedback: QueueList
    reflections_awaiting: QueueList
    overdue_check_ins: QueueList
    inactive: QueueList
    guides_anyone: bool

    @property
    def total(self) -> int:
        return sum(len(x) for x in self.lists)

    @property
    def lists(self) -> list[QueueList]:
        return [self.awaiting_agreement, self.awaiting_feedback, self.reflections_awaiting,
                self.overdue_check_ins, self.inactive]


def _guided_ids(viewer: Any, section_id: int | None) -> list[int]:
    """The learners the queue is about, fetched once. Every list then filters on this plain list of ids: with the
    relationship subqueries in their place (and the goal lists' "or I am the named guide"), PostgreSQL plans
    sequential scans of the goals and evidence tables."""
    learners = policies.learners_guided_by(viewer).filter(status=ACTIVE)
    if section_id is not None:
        learners = learners.filter(
            id__in=Enrollment.objects.filter(section_id=section_id, role=STUDENT, status=ACTIVE).values("person_id")
        )
    return list(learners.values_list("id", flat=True))


def _goals_for_guide(viewer: Any, learner_ids: list[int], section_id: int | None) -> QuerySet[Goal]:
    """Goals a guide acts on: their learners' goals, and (unfiltered by class) goals naming them as guide."""
    mine = Q(learner_id__in=learner_ids)
    if section_id is None:
        mine |= Q(guide_id=viewer.pk)
    # Drafts are the learner's alone, whatever their other status filters say.
    return Goal.objects.filter(mine).exclude(status=Goal.Status.DRAFT)


_NAME = ("given_name", "preferred_name", "family_name")


def _queue_querysets(viewer: Any, learner_ids: list[int], section_id: int | None, days: int, today: date
                     ) -> dict[str, QuerySet]:
    """The queue's lists, unsliced. Rows carry ``learner_id`` only: names come from the learners list (joining
    the people table to each list makes PostgreSQL walk all of it)."""
    goals = _goals_for_guide(viewer, learner_ids, section_id)
    goal_columns = ("id", "title", "updated_at", "next_check_in_on", "progress", "learner_id")
    return {
        "awaiting_agreement": goals.filter(status=Goal.Status.PROPOSED).order_by("updated_at", "id")
        .only(*goal_columns),
        "overdue_check_ins": goals.filter(status=Goal.Status.ACTIVE, next_check_in_on__lt=today)
        .order_by("next_check_in_on", "id").only(*goal_columns),
        "awaiting_feedback": Evidence.objects.filter(visible_by_audience(viewer))
        .filter(learner_id__in=learner_ids, first_feedback_at__isnull=True)
        .order_by("-created_at", "-id")
        .only("id", "title", "kind", "created_at", "learner_id"),
        "reflections_awaiting": Reflection.objects.filter(learner_id__in=learner_ids, shared_with_guides=True)
        .exclude(Exists(Feedback.objects.filter(reflection_id=OuterRef("pk"))))
        .order_by("-created_at", "-id")
        .only("id", "prompt_text", "created_at", "learner_id"),
        # Every learner of the queue with their latest activity; filtered and sorted in Python (``_quiet``): a
        # filter on the annotation would make the database compute the lookups twice per learner.
        "inactive": _with_last_activity(Person.objects.filter(id__in=learner_ids)).only("id", *_NAME),
    }


def _quiet(learners: list[Person], days: int, limit: int) -> QueueList:
    """Learners with no activity in ``days``, quietest first."""
    cutoff = timezone.now() - timedelta(days=days)
    rows = sorted(
        (p for p in learners if p.last_activity < cutoff),
        key=lambda p: (p.last_activity, p.family_name, p.given_name, p.pk),
    )
    return QueueList(rows=rows[:limit], more=len(rows) > limit)


def _name_rows(rows: list[Any], learners: list[Person]) -> None:
    """Attach each row's learner from the queue's learners; a goal naming the guide whose learner they do not
    otherwise guide costs one more query, only then."""
    people = {p.pk: p for p in learners}
    missing = {row.learner_id for row in rows} - people.keys()
    if missing:
        people.update({p.pk: p for p in Person.objects.filter(id__in=missing).only("id", *_NAME)})
    for row in rows:
        row.learner = people[row.learner_id]


def _with_last_activity(learners: QuerySet[Person]) -> QuerySet[Person]:
    """Annotate each learner with their latest activity a guide can see: evidence shared beyond "only me",
    a reflection shared with guides, a check-in on or change to a goal that is not a draft (the goals services
    stamp ``Goal.last_activity_at`` on both).

    Private work does not count: a guide must not learn when someone worked on something hidden from them.
    """
    def latest(qs: QuerySet, field_name: str) -> Coalesce:
        newest = qs.filter(learner_id=OuterRef("pk")).order_by(f"-{field_name}").values(field_name)[:1]
        return Coalesce(Subquery(newest), Value(_NEVER), output_field=DateTimeField())

    return learners.annotate(
        last_activity=Greatest(
            latest(Evidence.objects.exclude(audience=Audience.ONLY_ME), "created_at"),
            latest(Reflection.objects.filter(shared_with_guides=True), "created_at"),
            latest(Goal.objects.exclude(status=Goal.Status.DRAFT), "last_activity_at"),
            output_field=DateTimeField(),
        )
    )


def _rows(qs: QuerySet, limit: int) -> QueueList:
    rows = list(qs[: limit + 1])
    return QueueList(rows=rows[:limit], more=len(rows) > limit)


def guide_classes(*, viewer: Any) -> list[Section]:
    """The classes a guide may narrow their queue to: the ones they teach."""
    scope = scope_for(viewer)
    if not scope.taught_section_ids:
        return []
    return list(
        policies.sections_visible_to(viewer)
        .filter(id__in=scope.taught_section_ids, status=ACTIVE)
        .select_related("school")
        .order_by("periods", "title", "id")
    )


def guide_queue(
    *,
    viewer: Any,
    section_id: int | None = None,
    days: int = DEFAULT_INACTIVE_DAYS,
    today: date | None = None,
    path: str = "",
    limit: int = QUEUE_LIMIT,
    classes: list[Section] | None = None,
) -> GuideQueue:
    """The guide's "who needs me" queue, across their classes or narrowed to one they teach.

    Nine queries whatever the number of classes and learners (classes, learners, five lists, audit), after the
    scope.
    ``classes`` is ``guide_classes(viewer=viewer)`` when the caller already has it.
    """
    today = today or timezone.localdate()
    days = days if days in INACTIVE_DAYS_CHOICES else DEFAULT_INACTIVE_DAYS
    classes = guide_classes(viewer=viewer) if classes is None else classes
    section = next((s for s in classes if s.pk == section_id), None)
    # A class that is not one of the guide's own is ignored rather than trusted.
    section_id = section.pk if section else None
    scope = scope_for(viewer)
    guides_anyone = bool(scope.taught_section_ids or scope.mentee_ids or scope.coachee_ids)
    qs = _queue_querysets(viewer, _guided_ids(viewer, section_id), section_id, days, today)
    learners = list(qs["inactive"])
    queue = GuideQueue(
        classes=classes,
        section=section,
        days=days,
        awaiting_agreement=_rows(qs["awaiting_agreement"], limit),
        awaiting_feedback=_rows(qs["awaiting_feedback"], limit),
        reflections_awaiting=_rows(qs["reflections_awaiting"], limit),
        overdue_check_ins=_rows(qs["overdue_check_ins"], limit),
        inactive=_quiet(learners, days, limit),
        guides_anyone=guides_anyone,
    )
    _name_rows([row for lst in queue.lists[:4] for row in lst], learners)
    goal_url, evidence_url, reflection_url, goals_of, profile_of = (
        links.maker(link) for link in (links.goal_url, links.evidence_url, links.reflection_url,
                                       links.goals_of_learner_url, links.profile_url)
    )
    for goal in [*queue.awaiting_agreement, *queue.overdue_check_ins]:
        goal.url = goal_url(goal.pk)
        if goal.next_check_in_on:
            goal.days_overdue = (today - goal.next_check_in_on).days
    for piece in queue.awaiting_feedback:
        piece.url = evidence_url(piece.pk)
    for reflection in queue.reflections_awaiting:
        reflection.url = reflection_url(reflection.pk)
    for learner in queue.inactive:
        learner.url = goals_of(learner.pk)
        learner.profile_url = profile_of(learner.pk)
        if learner.last_activity is not None and learner.last_activity <= _NEVER:
            learner.last_activity = None
    named = {row.learner_id for lst in queue.lists[:4] for row in lst} | {p.pk for p in queue.inactive}
    record_student_reads(viewer, named, verb="guide_queue.view", district_id=scope.home_district_id, path=path)
    return queue


def guide_queue_counts(*, viewer: Any, days: int = DEFAULT_INACTIVE_DAYS, today: date | None = None
                       ) -> dict[str, int]:
    """How many items wait in each list of the queue (for the home page): counts only, names nobody."""
    qs = _queue_querysets(viewer, _guided_ids(viewer, None), None, days, today or timezone.localdate())
    counts = {name: q.count() for name, q in qs.items() if name != "inactive"}
    counts["inactive"] = len(_quiet(list(qs["inactive"]), days, limit=10**6))
    counts["total"] = sum(counts.values())
    counts["days"] = days
    return counts


@dataclass
class NextStep:
    """What is next on one of my pathways: the next playlist activity, or how many more board picks."""

    pathway: Any
    activity: Any = None
    done: int = 0
    total: int = 0
    picks_left: int = 0
    url: str = ""


@dataclass
class LearnerHome:
    active_goals: list[Goal]
    next_steps: list[NextStep]
    recent_evidence: list[Evidence]
    prompt: ReflectionPrompt | None
    unread: int
    goals_url: str = ""
    new_evidence_url: str = ""
    reflect_url: str = ""
    notifications_url: str = ""
    portfolio_url: str = ""


def learner_home(*, viewer: Any, scope: Scope | None = None, today: date | None = None) -> LearnerHome:
    """The learner's own panel: active goals with progress, what is next, recent work, a prompt to reflect,
    unread notifications. Seven queries whatever the number of goals, pathways or pieces; nothing audited
    (a learner reading their own record)."""
    scope = scope or scope_for(viewer)
    today = today or timezone.localdate()
    goals = list(
        Goal.objects.filter(learner_id=viewer.pk, status=Goal.Status.ACTIVE)
        .select_related("aligned_to")
        .order_by(F("due_on").asc(nulls_last=True), "-updated_at", "id")[:HOME_ROWS]
    )
    for goal in goals:
        goal.url = links.goal_url(goal.pk)
    evidence = list(Evidence.objects.filter(learner_id=viewer.pk).order_by("-created_at", "-id")[:HOME_ROWS])
    for piece in evidence:
        piece.url = links.evidence_url(piece.pk)
    prompts = list(
        ReflectionPrompt.objects.filter(Q(district__isnull=True) | Q(district_id=viewer.district_id), is_active=True)
        .order_by("stem", "id")
    )
    # A different prompt each day, the same one all day.
    prompt = prompts[today.toordinal() % len(prompts)] if prompts else None
    unread = Notification.objects.filter(recipient_id=viewer.pk, read_at__isnull=True).count()
    return LearnerHome(
        active_goals=goals,
        next_steps=_next_steps(viewer, scope),
        recent_evidence=evidence,
        prompt=prompt,
        unread=unread,
        goals_url=links.my_goals_url(),
        new_evidence_url=links.new_evidence_url(),
        reflect_url=links.new_reflection_url(prompt.pk if prompt else None),
        notifications_url=links.notifications_url(),
        portfolio_url=links.portfolio_url(viewer.pk),
    )


def _next_steps(viewer: Any, scope: Scope) -> list[NextStep]:
    """Published pathways of my classes with what is next: three queries whatever their number."""
    if not scope.enrolled_section_ids:
        return []
    pathways = list(
        Pathway.objects.filter(sections__id__in=scope.enrolled_section_ids, is_published=True)
        .distinct()
        .order_by("-created_at", "id")[:HOME_ROWS]
    )
    if not pathways:
        return []
    ids = [p.pk for p in pathways]
    items: dict[int, list[PathwayItem]] = defaultdict(list)
    for item in (
        PathwayItem.objects.filter(pathway_id__in=ids)
        .filter(Q(activity__is_approved=True) | Q(activity__proposed_by_id=viewer.pk))
        .select_related("activity")
        .order_by("pathway_id", "position", "id")
    ):
        items[item.pathway_id].append(item)
    picks: dict[int, dict[int, str]] = defaultdict(dict)
    for pathway_id, activity_id, status in ActivityChoice.objects.filter(
        learner_id=viewer.pk, pathway_id__in=ids
    ).values_list("pathway_id", "activity_id", "status"):
        picks[pathway_id][activity_id] = status
    steps = []
    for pathway in pathways:
        mine = picks[pathway.pk]
        done = sum(1 for status in mine.values() if status == ActivityChoice.Status.DONE)
        step = NextStep(pathway=pathway, done=done, url=links.pathway_url(pathway.pk))
        if pathway.kind == Pathway.Kind.PLAYLIST:
            step.total = len(items[pathway.pk])
            step.activity = next(
                (i.activity for i in items[pathway.pk] if mine.get(i.activity_id) != ActivityChoice.Status.DONE),
                None,
            )
        else:
            step.total = pathway.picks_required
            step.picks_left = max(pathway.picks_required - len(mine), 0)
            chosen = {i.activity_id: i.activity for i in items[pathway.pk]}
            step.activity = next(
                (chosen[a] for a, status in mine.items() if status != ActivityChoice.Status.DONE and a in chosen),
                None,
            )
        steps.append(step)
    return steps


def _children_goals(kids: dict[int, ChildCard]) -> None:
    """Each child's active goals, in one query. Family reads goals that are not drafts; the home shows the
    active ones."""
    for goal in Goal.objects.filter(learner_id__in=list(kids), status=Goal.Status.ACTIVE).order_by(
        "learner_id", F("due_on").asc(nulls_last=True), "-updated_at", "id"
    ):
        goal.url = links.goal_url(goal.pk)
        kids[goal.learner_id].goals.append(goal)
    for card in kids.values():
        card.portfolio_url = links.portfolio_url(card.child.pk)
        card.goals_url = links.goals_of_learner_url(card.child.pk)
