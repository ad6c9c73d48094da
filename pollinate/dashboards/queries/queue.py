"""The guide's "who needs me" queue, and its counts for the home page.

Built on the learning apps' models and the people relationship policies, following the decided access rules
(goals: drafts only for the learner; evidence: the audience ladder in ``evidence.audience.visible_by_audience``;
reflections: shared with guides). The apps' own queue queries (``goals_awaiting_agreement``,
``evidence_awaiting_feedback``, ...) each resolve the guide's learners and write their own audit event; the queue
resolves the learners once, shares them across its five lists and records one read of everyone it names.
Every list is one query whatever the number of classes or learners.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import BooleanField, DateTimeField, Expression, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from pollinate.core.audit import record_student_reads
from pollinate.dashboards import links
from pollinate.evidence.audience import visible_by_audience_to_guide
from pollinate.evidence.models import Audience, Evidence
from pollinate.goals.models import Goal
from pollinate.people import policies
from pollinate.people.models import Enrollment, Person, RecordStatus, Section
from pollinate.people.roles import scope_for
from pollinate.reflections.models import Reflection

ACTIVE = RecordStatus.ACTIVE
STUDENT = Enrollment.EnrollmentRole.STUDENT

INACTIVE_DAYS_CHOICES = (7, 14, 30)
DEFAULT_INACTIVE_DAYS = 14
# Rows per queue list: beyond this the guide narrows by class (the page says there are more).
QUEUE_LIMIT = 15
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
        return [
            self.awaiting_agreement,
            self.awaiting_feedback,
            self.reflections_awaiting,
            self.overdue_check_ins,
            self.inactive,
        ]


@dataclass
class QueueLearner:
    """A learner as the queue names them: enough to show and link them, without loading their whole record."""

    pk: int
    given_name: str
    preferred_name: str
    family_name: str
    last_activity: datetime | None = None
    url: str = ""
    profile_url: str = ""

    # The people app's rule, on the three columns the queue reads (cheaper than a Person for each learner named).
    display_name = Person.display_name


class _OneOf(Expression):
    """``field`` is one of ``ids``, bound once: a single array parameter on PostgreSQL (``= ANY(%s)``), bare
    placeholders elsewhere. Django's ``__in`` prepares every id on its own (a few hundred learners, in each of the
    queue's lists: milliseconds per page); the database plans both forms alike."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, field: str, ids: list[int]) -> None:
        super().__init__()
        self.column, self.ids = F(field), ids

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: list[Any]) -> None:
        (self.column,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple]:
        if not self.ids:
            raise EmptyResultSet
        column, params = compiler.compile(self.column)
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s)", (*params, self.ids)
        return f"{column} IN ({', '.join(['%s'] * len(self.ids))})", (*params, *self.ids)


_NAME = ("given_name", "preferred_name", "family_name")


def _learners(viewer: Any, section_id: int | None) -> dict[int, tuple]:
    """The learners the queue is about, with their names and latest activity, in one query:
    ``{id: (given_name, preferred_name, family_name, last_activity)}``.

    Every list then filters on this plain list of ids: with the relationship subqueries in their place (and the goal
    lists' "or I am the named guide"), PostgreSQL plans sequential scans of the goals and evidence tables."""
    learners = policies.learners_guided_by(viewer).filter(status=ACTIVE)
    if section_id is not None:
        learners = learners.filter(
            id__in=Enrollment.objects.filter(section_id=section_id, role=STUDENT, status=ACTIVE).values("person_id")
        )
    # Filtered and sorted in Python (``_quiet``): a filter on the annotation would make the database compute the
    # lookups twice per learner.
    rows = _with_last_activity(learners).values_list("id", *_NAME, "last_activity")
    return {row[0]: row[1:] for row in rows}


def _queue_querysets(viewer: Any, learner_ids: list[int], section_id: int | None, today: date) -> dict[str, QuerySet]:
    """The queue's four lists of work, unsliced, as plain rows (``values``). Rows carry ``learner_id`` only: names
    come from the learners (joining the people table to each list makes PostgreSQL walk all of it).

    The learners are bound once per list (``_OneOf``). Goals: the learners' goals and, unfiltered by class, goals
    naming the guide; the lists ask for proposed and active goals, so a learner's drafts never show. Evidence: the
    audience rule for work of learners one guides (the full rule's relationship subqueries would resolve the same
    learners again, and make PostgreSQL plan for 6 ms)."""
    theirs = _OneOf("learner_id", learner_ids)
    goals = Q(theirs) | Q(guide_id=viewer.pk) if section_id is None else Q(theirs)
    goal_columns = ("id", "title", "updated_at", "next_check_in_on", "progress", "learner_id")
    return {
        "awaiting_agreement": Goal.objects.filter(goals, status=Goal.Status.PROPOSED)
        .order_by("updated_at", "id")
        .values(*goal_columns),
        "overdue_check_ins": Goal.objects.filter(goals, status=Goal.Status.ACTIVE, next_check_in_on__lt=today)
        .order_by("next_check_in_on", "id")
        .values(*goal_columns),
        # Both "waiting" lists have a partial index holding only unanswered rows (``evidence_awaiting_idx``,
        # ``reflections_awaiting_idx``): SQLite reads them; PostgreSQL prefers the learner index on this data.
        "awaiting_feedback": Evidence.objects.filter(
            theirs, visible_by_audience_to_guide(viewer), first_feedback_at__isnull=True
        )
        .order_by("-created_at", "-id")
        .values("id", "title", "kind", "created_at", "learner_id"),
        "reflections_awaiting": Reflection.objects.filter(
            theirs, first_feedback_at__isnull=True, shared_with_guides=True
        )
        .order_by("-created_at", "-id")
        .values("id", "prompt_text", "created_at", "learner_id"),
    }


def _quiet_ids(learners: dict[int, tuple], days: int) -> list[int]:
    """Learners with no activity in ``days``, quietest first."""
    cutoff = timezone.now() - timedelta(days=days)
    quiet = [(row[3], row[2], row[0], pk) for pk, row in learners.items() if row[3] < cutoff]
    quiet.sort()
    return [pk for *_key, pk in quiet]


def _latest(qs: QuerySet, field_name: str) -> Coalesce:
    newest = qs.filter(learner_id=OuterRef("pk")).order_by(f"-{field_name}").values(field_name)[:1]
    return Coalesce(Subquery(newest), Value(_NEVER), output_field=DateTimeField())


# A learner's latest activity a guide can see: evidence shared beyond "only me", a reflection shared with guides, a
# check-in on or change to a goal that is not a draft (the goals services stamp ``Goal.last_activity_at`` on both).
# Private work does not count: a guide must not learn when someone worked on something hidden from them.
# Built once: it names nobody, and each query resolves its own copy.
_LAST_ACTIVITY = Greatest(
    _latest(Evidence.objects.exclude(audience=Audience.ONLY_ME), "created_at"),
    _latest(Reflection.objects.filter(shared_with_guides=True), "created_at"),
    _latest(Goal.objects.exclude(status=Goal.Status.DRAFT), "last_activity_at"),
    output_field=DateTimeField(),
)


def _with_last_activity(learners: QuerySet[Person]) -> QuerySet[Person]:
    """Annotate each learner with their latest activity a guide can see (``_LAST_ACTIVITY``)."""
    return learners.annotate(last_activity=_LAST_ACTIVITY)


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
        .order_by("periods", "title", "id")
    )


def _learner(pk: int, row: tuple) -> QueueLearner:
    given, preferred, family, last_activity = row
    if last_activity is not None and last_activity <= _NEVER:
        last_activity = None
    return QueueLearner(pk, given, preferred, family, last_activity)


def _name_rows(lists: list[QueueList], learners: dict[int, tuple]) -> set[int]:
    """Put each row's learner's name on it (``learner_name``); returns the learners named. A goal naming the guide
    whose learner they do not otherwise guide costs one more query, only then."""
    wanted = {row["learner_id"] for lst in lists for row in lst}
    missing = wanted - learners.keys()
    if missing:
        learners = {
            **learners,
            **{row[0]: (*row[1:], None) for row in Person.objects.filter(id__in=missing).values_list("id", *_NAME)},
        }
    names = {pk: _learner(pk, learners[pk]).display_name for pk in wanted}
    for lst in lists:
        for row in lst:
            row["learner_name"] = names[row["learner_id"]]
    return wanted


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

    Seven queries whatever the number of classes and learners (classes, learners with their latest activity, four
    lists, audit), after the scope.
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
    learners = _learners(viewer, section_id)
    qs = _queue_querysets(viewer, list(learners), section_id, today)
    work = {name: _rows(q, limit) for name, q in qs.items()}
    quiet = _quiet_ids(learners, days)
    named = _name_rows(list(work.values()), learners)
    goals_of, profile_of = links.maker(links.goals_of_learner_url), links.maker(links.profile_url)
    inactive = []
    for pk in quiet[:limit]:
        learner = _learner(pk, learners[pk])
        learner.url, learner.profile_url = goals_of(pk), profile_of(pk)
        inactive.append(learner)
    queue = GuideQueue(
        classes=classes,
        section=section,
        days=days,
        awaiting_agreement=work["awaiting_agreement"],
        awaiting_feedback=work["awaiting_feedback"],
        reflections_awaiting=work["reflections_awaiting"],
        overdue_check_ins=work["overdue_check_ins"],
        inactive=QueueList(rows=inactive, more=len(quiet) > limit),
        guides_anyone=guides_anyone,
    )
    goal_url, evidence_url, reflection_url = (
        links.maker(link) for link in (links.goal_url, links.evidence_url, links.reflection_url)
    )
    for goal in [*queue.awaiting_agreement, *queue.overdue_check_ins]:
        goal["url"] = goal_url(goal["id"])
        if goal["next_check_in_on"]:
            goal["days_overdue"] = (today - goal["next_check_in_on"]).days
    kinds = dict(Evidence.Kind.choices)
    for piece in queue.awaiting_feedback:
        piece["url"] = evidence_url(piece["id"])
        piece["kind_label"] = kinds.get(piece["kind"], piece["kind"])
    for reflection in queue.reflections_awaiting:
        reflection["url"] = reflection_url(reflection["id"])
    record_student_reads(
        viewer, named | {p.pk for p in inactive}, verb="guide_queue.view", district_id=scope.home_district_id, path=path
    )
    return queue


def guide_queue_counts(*, viewer: Any, days: int = DEFAULT_INACTIVE_DAYS, today: date | None = None) -> dict[str, int]:
    """How many items wait in each list of the queue (for the home page): counts only, names nobody."""
    learners = _learners(viewer, None)
    qs = _queue_querysets(viewer, list(learners), None, today or timezone.localdate())
    counts = {name: q.count() for name, q in qs.items()}
    counts["inactive"] = len(_quiet_ids(learners, days))
    counts["total"] = sum(counts.values())
    counts["days"] = days
    return counts
