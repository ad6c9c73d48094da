"""Mastery in the demo district: a small reading-and-writing framework, scored work, an exit ticket, aligned
activities and the school's expected progression, so the class grid, progress charts and next steps show data.

``seed_mastery(district, rng=..., school_year=...)`` runs after the learning story (it scores the evidence that
story wrote). Everything goes through the apps' services, as the people who would do it: demo-admin builds the
framework, demo-teacher scores and aligns, demo-student rates their own work, demo-leader sets expectations;
each guide score recomputes that learner's mastery record. Running it again adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from pollinate.choice.models import Activity
from pollinate.competencies.models import Competency, Framework
from pollinate.competencies.services import frameworks
from pollinate.evidence import services as evidence
from pollinate.evidence.models import Audience, Evidence
from pollinate.mastery import services
from pollinate.people.models import District, Enrollment, Person, RecordStatus, School, Section

FRAMEWORK_TITLE = "Reading and writing"
FRAMEWORK = {
    "title": FRAMEWORK_TITLE,
    "subject": "English Language Arts",
    "description": "What the English department looks for in every piece of reading and writing, on the 1-4 scale.",
}
# (code, short name, statement): the demo teacher's subject, few enough to read on a phone.
COMPETENCIES = (
    ("RW.1", "Cites evidence", "Supports what they say about a text with quotations and details from it."),
    ("RW.2", "Argues a claim", "States a clear claim and backs it with reasons and evidence."),
    ("RW.3", "Organises ideas", "Groups ideas into paragraphs that build on each other, with transitions."),
    ("RW.4", "Revises for clarity", "Rereads and changes their writing so a reader follows it easily."),
)
# demo-student's guide levels per competency, oldest piece first: one mastered, one close to the next level
# (the "you are close to Proficient" next step), one still early, one not started.
STUDENT_LEVELS = {"RW.1": (2, 2, 3, 3), "RW.2": (3, 3, 4), "RW.3": (1, 2, 2)}
# Expected level by date, as (month, day, level) in the school year that ends in June.
EXPECTED = ((9, 15, 1.0), (1, 29, 2.0), (6, 4, 3.0))
QUICK_CHECK_ITEMS = 3


def _demo_people(district: District) -> dict[str, Person]:
    from pollinate.demo import generator as g

    by_name = {p.username: p for p in Person.objects.filter(district=district, username__in=g.DEMO_USERNAMES.values())}
    return {key: by_name[name] for key, name in g.DEMO_USERNAMES.items() if name in by_name}


def _framework(admin: Person, district: District) -> dict[str, Competency]:
    framework = frameworks.framework_create(actor=admin, district=district, **FRAMEWORK)
    for code, short, statement in COMPETENCIES:
        frameworks.competency_add(actor=admin, framework=framework, code=code, abbreviated=short, statement=statement)
    return {
        c.code: c
        for c in Competency.objects.filter(framework=framework).select_related("framework__scale").order_by("id")
    }


def _section(district: District, teacher: Person, student: Person) -> Section | None:
    """demo-teacher's class with demo-student in it that the choice board was published to."""
    taught = Section.objects.filter(
        district=district, enrollments__person=teacher, enrollments__role=Enrollment.EnrollmentRole.TEACHER
    ).filter(enrollments__person=student)
    return (
        taught.filter(pathways__district=district).order_by("sourced_id").first()
        or taught.order_by("sourced_id").first()
    )


def _level(rng: random.Random, base: float, step: int) -> int:
    """A rubric level that tends to rise from piece to piece."""
    return max(1, min(4, round(base + 0.5 * step + rng.uniform(-0.6, 0.6))))


def _spread(pieces: list[Evidence], n: int) -> list[Evidence]:
    """``n`` of the pieces, oldest to newest, spread evenly so the progress chart covers the weeks."""
    if n >= len(pieces):
        return pieces
    return [pieces[round(i * (len(pieces) - 1) / max(1, n - 1))] for i in range(n)]


def _on_demand_pieces(rng: random.Random, learners: list[Person], latest: dt.date) -> list[Evidence]:
    """A paragraph each classmate wrote in class, two or three weeks back, so every row of the grid is scored."""
    pieces = []
    for learner in learners:
        day = latest - dt.timedelta(days=rng.randint(12, 20))
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        title, body = rng.choice(ON_DEMAND_WRITING)
        piece = evidence.evidence_create(
            actor=learner, kind=Evidence.Kind.WRITING, title=title, body=body, audience=Audience.GUIDES, produced_on=day
        )
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, rng.randrange(60))))
        Evidence.objects.filter(pk=piece.pk).update(created_at=moment, updated_at=moment)
        pieces.append(piece)
    return pieces


def _score_evidence(
    rng: random.Random, teacher: Person, student: Person, section: Section, codes: dict[str, Competency]
) -> int:
    written = 0
    learners = list(
        Person.objects.filter(
            enrollments__section=section, enrollments__role=Enrollment.EnrollmentRole.STUDENT
        ).order_by("sourced_id")
    )
    pieces = list(Evidence.objects.filter(learner__in=learners).order_by("learner_id", "produced_on", "id"))
    mine = [p for p in pieces if p.learner_id == student.pk]
    # Every audience from "my guides" up includes the teacher; guide_score_save checks it again for real.
    scorable = [p for p in pieces if p.audience != Audience.ONLY_ME]
    latest = max((p.produced_on for p in pieces), default=timezone.localdate())
    without = [lr for lr in learners if lr.pk != student.pk and not any(p.learner_id == lr.pk for p in scorable)]
    scorable += _on_demand_pieces(rng, without, latest)
    written += len(without)
    # demo-student: the scripted levels, spread across their pieces in the order they were made.
    visible_mine = [p for p in scorable if p.learner_id == student.pk]
    for code, levels in STUDENT_LEVELS.items():
        for piece, level in zip(_spread(visible_mine, len(levels)), levels, strict=False):
            services.guide_score_save(
                actor=teacher,
                evidence=piece,
                competency_id=codes[code].pk,
                level=level,
                comment=rng.choice(GUIDE_COMMENTS),
            )
            written += 1
    # Their own rating of each piece, a little generous at first (as self-assessments tend to be).
    for n, piece in enumerate(mine):
        code = ("RW.1", "RW.2", "RW.3")[n % 3]
        services.self_assessment_save(
            actor=student, evidence=piece, competency_id=codes[code].pk, level=min(4, 2 + n // 3 + (n % 2))
        )
        written += 1
    # Classmates: one or two competencies per piece, rising over their pieces.
    others: dict[int, list[Evidence]] = {}
    for piece in sorted(scorable, key=lambda p: (p.learner_id, p.produced_on, p.pk)):
        if piece.learner_id != student.pk:
            others.setdefault(piece.learner_id, []).append(piece)
    for learner_pieces in others.values():
        base = rng.uniform(1.2, 2.8)
        for step, piece in enumerate(learner_pieces):
            for code in rng.sample(("RW.1", "RW.2", "RW.3"), rng.randint(1, 2)):
                services.guide_score_save(
                    actor=teacher, evidence=piece, competency_id=codes[code].pk, level=_level(rng, base, step)
                )
                written += 1
    return written


ON_DEMAND_WRITING = (
    (
        "Paragraph: is Pandora to blame?",
        "Pandora opened the box, but Zeus made it and gave it to her. I think the "
        "gods are more to blame, because they knew what would happen and she did not.",
    ),
    (
        "Paragraph: why myths explain seasons",
        "The Persephone myth explains winter. When she is below, Demeter is sad "
        "and nothing grows; when she comes back, spring comes back too.",
    ),
    (
        "Paragraph: the best trickster",
        "Anansi is the best trickster because he wins with his head, not his "
        "strength. In the story of the sky god's stories he outsmarts four animals.",
    ),
)
GUIDE_COMMENTS = (
    "Good choice of quotation; say how it proves your point.",
    "Clearer than last time. Keep going.",
    "Your reasons are strong; one more piece of evidence would clinch it.",
)


def _quick_check(
    rng: random.Random, teacher: Person, section: Section, codes: dict[str, Competency], day: dt.date
) -> int:
    """An exit ticket the whole class took, so every row of the grid has something in it."""
    students = list(
        Enrollment.objects.filter(section=section, role=Enrollment.EnrollmentRole.STUDENT, status=RecordStatus.ACTIVE)
        .order_by("person__username")
        .values_list("person__username", flat=True)
    )
    lines = ["learner,item,competency,correct,date"]
    for username in students:
        knows = rng.uniform(0.3, 0.95)
        for code in ("RW.1", "RW.4"):
            for item in range(1, QUICK_CHECK_ITEMS + 1):
                right = int(rng.random() < knows)
                lines.append(f"{username},{code}-q{item},{code},{right},{day.isoformat()}")
    framework = next(iter(codes.values())).framework
    result = services.quick_check_import(
        actor=teacher,
        section=section,
        framework=framework,
        title="Exit ticket: evidence and revision",
        csv_text="\n".join(lines),
    )
    return result.responses


def _align_activities(rng: random.Random, teacher: Person, district: District, codes: dict[str, Competency]) -> int:
    activities = Activity.objects.filter(district=district, created_by=teacher, proposed_by__isnull=True).order_by("id")
    aligned = 0
    ids = [codes[code].pk for code in sorted(codes)]
    for n, activity in enumerate(activities):
        chosen = [ids[n % len(ids)], ids[(n + 1 + rng.randrange(len(ids) - 1)) % len(ids)]]
        aligned += len(services.activity_competencies_set(actor=teacher, activity=activity, competency_ids=chosen))
    return aligned


def _expectations(leader: Person, school: School, framework: Framework, school_year: int) -> int:
    for month, day, level in EXPECTED:
        year = school_year - 1 if month >= 8 else school_year
        services.expected_level_set(
            actor=leader, school=school, framework=framework, by_date=dt.date(year, month, day), level=level
        )
    return len(EXPECTED)


@transaction.atomic
def seed_mastery(district: District, *, rng: random.Random, school_year: int) -> int:
    """Write the demo's mastery data; returns the number of rows written (0 when it is already there)."""
    from pollinate.demo import generator as g

    if Framework.objects.filter(district=district, title=FRAMEWORK_TITLE).exists():
        return 0
    people = _demo_people(district)
    needed = (g.DEMO_ADMIN, g.DEMO_TEACHER, g.DEMO_STUDENT, g.DEMO_LEADER)
    if any(key not in people for key in needed):
        return 0
    teacher, student = people[g.DEMO_TEACHER], people[g.DEMO_STUDENT]
    section = _section(district, teacher, student)
    if section is None:
        return 0
    codes = _framework(people[g.DEMO_ADMIN], district)
    written = len(codes) + 1
    written += _score_evidence(rng, teacher, student, section, codes)
    newest = (
        Evidence.objects.filter(learner=student).order_by("-produced_on").values_list("produced_on", flat=True).first()
    )
    written += _quick_check(rng, teacher, section, codes, newest or timezone.localdate())
    written += _align_activities(rng, teacher, district, codes)
    school = School.objects.get(pk=section.school_id)
    written += _expectations(people[g.DEMO_LEADER], school, codes["RW.1"].framework, school_year)
    return written
