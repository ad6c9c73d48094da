"""The class grid (learners × competencies of one framework) and the small-group workshop suggestions.

A fixed number of queries whatever the class size: the class, the frameworks, the chosen framework's scale and
competencies, the students, their mastery records (one indexed read), and the audit of the read. The cells are
plain tuples so a class of 1,000 renders quickly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.translation import gettext as _

from pollinate.competencies.models import Competency, Framework, RubricLevel
from pollinate.competencies.policies import frameworks_visible_to
from pollinate.core.access import get_object_for
from pollinate.core.audit import record_student_reads
from pollinate.mastery import policies
from pollinate.mastery.models import MasteryRecord
from pollinate.mastery.queries.common import SYMBOLS, ScaleWords, fmt_level, status_label
from pollinate.people.models import Enrollment, Person, RecordStatus, Section

ST = MasteryRecord.Status
STATUSES = [ST.MASTERED, ST.WORKING, ST.NOT_STARTED]
MAX_GROUPS = 12
MIN_GROUP = 2
GROUP_SIZE = 6


@dataclass(frozen=True)
class Cell:
    competency_id: int
    level: float | None
    text: str  # "2.6"
    words: str  # "Developing"
    status: str
    symbol: str
    band: int  # the rubric level reached (0 = none): picks the colour


@dataclass(frozen=True)
class Row:
    learner_id: int
    name: str
    sort_name: str
    cells: list[Cell]


@dataclass(frozen=True)
class Group:
    competency: Competency
    next_level: int
    next_words: str
    learners: list[tuple[int, str]]


@dataclass
class Grid:
    section: Section
    frameworks: list[Framework]
    framework: Framework | None
    competencies: list[Competency]
    rows: list[Row]
    groups: list[Group]
    sort: str
    status: str
    competency_filter: int | None
    total_learners: int
    counts: dict[str, int]
    mastered_words: str = ""


def grid_sections(*, viewer: Any) -> list[Section]:
    return list(
        policies.grid_sections_for(viewer)
        .filter(status=RecordStatus.ACTIVE)
        .select_related("school")
        .order_by("school__name", "title")
    )


def _frameworks(viewer: Any, district_id: int) -> list[Framework]:
    """The district's own frameworks first (the default choice), then the built-in ones."""
    found = (
        frameworks_visible_to(viewer)
        .filter(Q(district_id=district_id) | Q(district__isnull=True))
        .select_related("scale")
    )
    return sorted(found, key=lambda f: (f.district_id is None, f.title, f.pk))


def class_grid(
    *,
    viewer: Any,
    section_id: Any,
    framework_id: Any = None,
    sort: str = "name",
    status: str = "",
    competency_id: Any = None,
    path: str = "",
) -> Grid:
    section = get_object_for(
        viewer,
        policies.grid_sections_for(viewer).select_related("school"),
        section_id,
        allowed=policies.can_view_class_grid,
    )
    frameworks = _frameworks(viewer, section.district_id)
    framework = next((f for f in frameworks if str(f.pk) == str(framework_id)), None) or (
        frameworks[0] if frameworks else None
    )
    empty = Grid(section, frameworks, framework, [], [], [], sort, status, None, 0, {})
    if framework is None:
        return empty
    prefetch_related_objects([framework], Prefetch("scale__levels", queryset=RubricLevel.objects.order_by("value")))
    words = ScaleWords.of(framework.scale)
    competencies = list(Competency.objects.filter(framework=framework, is_scorable=True).order_by("position", "id"))
    comp_ids = [c.pk for c in competencies]
    students = list(
        Enrollment.objects.filter(
            section=section,
            role=Enrollment.EnrollmentRole.STUDENT,
            status=RecordStatus.ACTIVE,
            person__status=RecordStatus.ACTIVE,
        ).values_list("person_id", "person__preferred_name", "person__given_name", "person__family_name")
    )
    records = MasteryRecord.objects.filter(
        framework=framework,
        learner_id__in=Enrollment.objects.filter(
            section=section, role=Enrollment.EnrollmentRole.STUDENT, status=RecordStatus.ACTIVE
        ).values("person_id"),
    ).values_list("learner_id", "competency_id", "level", "status")
    record_student_reads(
        viewer,
        [s[0] for s in students],
        verb="mastery.class_grid",
        obj=section,
        district_id=section.district_id,
        path=path,
    )

    # Many cells share a competency, level and status: each distinct cell is built once and shared, and keeps the
    # learners who hold it, which gives the counts and the workshop buckets without more work per record.
    cache: dict[tuple[int, float | None, str], tuple[Cell, list[int]]] = {}

    def cell(cid: int, level: float | None, st: str) -> tuple[Cell, list[int]]:
        reached = words.reached(level)
        made = Cell(
            cid,
            level,
            fmt_level(level),
            words.words(level) if level is not None else status_label(st),
            st,
            SYMBOLS[st],
            reached[0] if reached else 0,
        )
        entry = cache[(cid, level, st)] = (made, [])
        return entry

    blank = [cell(cid, None, ST.NOT_STARTED)[0] for cid in comp_ids]
    position = {cid: i for i, cid in enumerate(comp_ids)}
    cells_of: dict[int, list[Cell]] = {}
    # One pass over the records: each lands in its learner's row at its competency's column.
    for lr, cid, level, st in records:
        i = position.get(cid)
        if i is None:
            continue
        cells = cells_of.get(lr)
        if cells is None:
            cells = cells_of[lr] = blank.copy()
        entry = cache.get((cid, level, st)) or cell(cid, level, st)
        cells[i] = entry[0]
        entry[1].append(lr)
    counts = dict.fromkeys(STATUSES, 0)
    working: list[tuple[int, float, list[int]]] = []
    for (cid, level, st), (_cell, holders) in cache.items():
        counts[st] += len(holders)
        if st == ST.WORKING and level is not None and holders:
            working.append((position[cid], level, holders))
    rows = []
    for pid, preferred, given, family_name in students:
        first = preferred or given
        rows.append(
            Row(pid, f"{first} {family_name}".strip(), f"{family_name} {first}".lower(), cells_of.get(pid, blank))
        )
    counts[ST.NOT_STARTED] = len(rows) * len(comp_ids) - counts[ST.MASTERED] - counts[ST.WORKING]
    groups = _groups(rows, working, competencies, words)

    comp_filter = None
    try:
        comp_filter = int(competency_id) if competency_id not in (None, "") else None
    except (TypeError, ValueError):
        comp_filter = None
    index = comp_ids.index(comp_filter) if comp_filter in comp_ids else None
    if status in STATUSES:
        if index is not None:
            rows = [r for r in rows if r.cells[index].status == status]
        else:
            rows = [r for r in rows if any(c.status == status for c in r.cells)]
    sort_index = None
    if sort.startswith("c") and sort[1:].isdigit() and int(sort[1:]) in comp_ids:
        sort_index = comp_ids.index(int(sort[1:]))
    if sort_index is not None:
        # Lowest level first: who needs help on this competency comes to the top.
        rows.sort(key=lambda r: (r.cells[sort_index].level is None, r.cells[sort_index].level or 0, r.sort_name))
    else:
        sort = "name"
        rows.sort(key=lambda r: (r.sort_name, r.learner_id))
    return Grid(
        section,
        frameworks,
        framework,
        competencies,
        rows,
        groups,
        sort,
        status if status in STATUSES else "",
        comp_filter if index is not None else None,
        len(students),
        counts,
        mastered_words=words.words(framework.scale.mastery_threshold),
    )


def _groups(
    rows: list[Row], working: list[tuple[int, float, list[int]]], competencies: list[Competency], words: ScaleWords
) -> list[Group]:
    """Learners who need the same next step: the same competency, the same next rubric level to reach. Only
    learners working on it (a workshop needs something to build on). ``working`` holds, per competency column and
    level, the learners at that level. A big bucket is split into small groups of at most ``GROUP_SIZE``, named in
    alphabetical order; the biggest needs come first."""
    names = {r.learner_id: (r.sort_name, r.name) for r in rows}
    buckets: dict[tuple[int, int], list[tuple[str, int, str]]] = {}
    for i, level, learner_ids in working:
        nxt = words.next_level(level)
        if nxt is None:
            continue
        bucket = buckets.setdefault((i, nxt), [])
        bucket.extend((names[lid][0], lid, names[lid][1]) for lid in learner_ids if lid in names)
    ranked = sorted(
        ((k, v) for k, v in buckets.items() if len(v) >= MIN_GROUP), key=lambda kv: (-len(kv[1]), kv[0][0], kv[0][1])
    )
    groups: list[Group] = []
    for (i, nxt), members in ranked:
        members.sort()
        for start in range(0, len(members), GROUP_SIZE):
            part = members[start : start + GROUP_SIZE]
            if len(part) < MIN_GROUP and start:
                # A leftover of one joins the group before it rather than being a workshop alone.
                groups[-1].learners.extend((lid, name) for _s, lid, name in part)
                continue
            groups.append(Group(competencies[i], nxt, words.label_of(nxt), [(lid, name) for _s, lid, name in part]))
            if len(groups) >= MAX_GROUPS:
                return groups
    return groups


def grid_status_choices() -> list[tuple[str, str]]:
    return [("", _("Any status"))] + [(s.value, str(s.label)) for s in STATUSES]


def person_name(person: Person) -> str:
    return person.display_name
