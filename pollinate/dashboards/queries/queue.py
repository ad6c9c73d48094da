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

from django.db.models import DateTimeField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from pollinate.core.audit import record_student_reads
from pollinate.dashboards import links
from pollinate.evidence.audience import visible_by_audience
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
        return [self.awaiting_agreement, self.awaiting_feedback, self.reflections_awaiting,
                self.overdue_check_ins, self.inactive]


@dataclass
class QueueLearner:
    """A learner as the queue names them: enough to show and link them, without loading their whole record."""

    pk: int
    display_name: str
    last_activity: datetime | None = None
    url: str = ""
    profile_url: str = ""


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


def _goals_for_guide(viewer: Any, learner_ids: list[int], section_id: int | None) -> QuerySet[Goal]:
    """Goals a guide acts on: their learners' goals, and (unfiltered by class) goals naming them as guide."""
    mine = Q(learner_id__in=learner_ids)
    if section_id is None:
        mine |= Q(guide_id=viewer.pk)
    # Drafts are the learner's alone, whatever their other status filters say.
    return Goal.objects.filter(mine).exclude(status=Goal.Status.DRAFT)


_NAME = ("given_name", "preferred_name", "family_name")
_GOAL_COLUMNS = ("id", "title", "updated_at", "next_check_in_on", "progress", "learner_id")


def _queue_querysets(viewer: Any, learner_ids: list[int], section_id: int | None, today: date
                     ) -> dict[str, QuerySet]:
    """The queue's four lists of work, unsliced, as plain rows (``values``). Rows carry ``learner_id`` only: names
    come from the learners (joining the people table to each list makes PostgreSQL walk all of it). Each list
    filters on "nobody has answered yet" first, the condition of its partial index, so only waiting rows are
    read."""
    goals = _goals_for_guide(viewer, learner_ids, section_id)
    return {
        "awaiting_agreement": goals.filter(status=Goal.Status.PROPOSED).order_by("updated_at", "id")
        .values(*_GOAL_COLUMNS),
        "overdue_check_ins": goals.filter(status=Goal.Status.ACTIVE, next_check_in_on__lt=today)
        .order_by("next_check_in_on", "id").values(*_GOAL_COLUMNS),
        # ``evidence_awaiting_idx``
        "awaiting_feedback": Evidence.objects.filter(first_feedback_at__isnull=True, learner_id__in=learner_ids)
        .filter(visible_by_audience(viewer))
        .order_by("-created_at", "-id")
        .values("id", "title", "kind", "created_at", "learner_id"),
        # ``reflections_awaiting_idx``
        "reflections_awaiting": Reflection.objects.filter(first_feedback_at__isnull=True, shared_with_guides=True,
                                                          learner_id__in=learner_ids)
        .order_by("-created_at", "-id")
        .values("id", "prompt_text", "created_at", "learner_id"),
    }


def _quiet_ids(learners: dict[int, tuple], days: int) -> list[int]:
    """Learners with no activity in ``days``, quietest first."""
    cutoff = timezone.now() - timedelta(days=days)
    quiet = [(row[3], row[2], row[0], pk) for pk, row in learners.items() if row[3] < cutoff]
    quiet.sort()
    return [pk for *_key, pk in quiet]


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


def _name_rows(lists: list[QueueList], learners: dict[int, tuple]) -> dict[int, QueueLearner]:
    """Attach each row's learner, made once per learner named. A goal naming the guide whose learner they do not
    otherwise guide costs one more query, only then."""
    wanted = {row["learner_id"] for lst in lists for row in lst}
    missing = wanted - learners.keys()
    if missing:
        learners = {**learners, **{
            row[0]: (*row[1:], None) for row in Person.objects.filter(id__in=missing).values_list("id", *_NAME)
        }}
    named = {pk: _learner(pk, learners[pk]) for pk in wanted}
    for lst in lists:
        for row in lst:
            row["learner"] = named[row["learner_id"]]
    return named


def _learner(pk: int, row: tuple) -> QueueLearner:
    given, preferred, family, last_activity = row
    # Person.display_name's rule, on the three columns the queue reads.
    name = Person(given_name=given, preferred_name=preferred, family_name=family).display_name
    if last_activity is not None and last_activity <= _NEVER:
        last_activity = None
    return QueueLearner(pk=pk, display_name=name, last_activity=last_activity)


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
        learner = named.get(pk) or _learner(pk, learners[pk])
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
    record_student_reads(viewer, named.keys() | {p.pk for p in inactive}, verb="guide_queue.view",
                         district_id=scope.home_district_id, path=path)
    return queue


def guide_queue_counts(*, viewer: Any, days: int = DEFAULT_INACTIVE_DAYS, today: date | None = None
                       ) -> dict[str, int]:
    """How many items wait in each list of the queue (for the home page): counts only, names nobody."""
    learners = _learners(viewer, None)
    qs = _queue_querysets(viewer, list(learners), None, today or timezone.localdate())
    counts = {name: q.count() for name, q in qs.items()}
    counts["inactive"] = len(_quiet_ids(learners, days))
    counts["total"] = sum(counts.values())
    counts["days"] = days
    return counts
