"""What people read: why, the gap on a piece, progress with pace, the class grid and its groups, next steps."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from pollinate.choice.models import Activity, ActivityChoice, Pathway, PathwayItem
from pollinate.core.errors import NotFound
from pollinate.core.models import AuditedStudent, AuditEvent
from pollinate.goals.tests.factories import make_goal, make_system_goal
from pollinate.learners.models import LearnerProfile
from pollinate.mastery import queries, services
from pollinate.mastery.models import ActivityCompetency, ExpectedLevel
from pollinate.mastery.tests.factories import make_evidence
from pollinate.people.models import Role
from pollinate.people.tests.factories import SectionFactory, enroll, make_person

pytestmark = pytest.mark.django_db


def _score(world, comp, level, day, *, learner=None, title=None):
    learner = learner or world.student
    piece = make_evidence(learner, title=title or f"Work of {day}", produced_on=day)
    services.guide_score_save(actor=world.teacher, evidence=piece, competency_id=comp.pk, level=level)
    return piece


def test_why_lists_the_scores_in_produced_order_with_the_arithmetic(world, comps):
    _score(world, comps[0], 3, dt.date(2026, 11, 1), title="Final report")
    _score(world, comps[0], 2, dt.date(2026, 10, 1), title="First draft")
    page = queries.why(viewer=world.student, learner_id=world.student.pk, competency_id=comps[0].pk)
    assert [(s.title, s.level, s.level_words) for s in page.scores] == [
        ("First draft", 2.0, "Developing"),
        ("Final report", 3.0, "Proficient"),
    ]
    assert (page.level_text, page.level_words, page.status) == ("2.65", "Developing", "Working on it")
    assert page.result.steps[-1].text.startswith("So your level is 2.65")
    assert not AuditEvent.objects.filter(verb="mastery.why").exists()  # the learner reading their own


def test_why_what_if_shows_the_level_after_one_more_piece(world, comps):
    _score(world, comps[0], 2, dt.date(2026, 10, 1))
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)):
        page = queries.why(
            viewer=world.student, learner_id=world.student.pk, competency_id=comps[0].pk, what_if_level="4"
        )
    # 4 × 0.65 + 2 × 0.35 = 3.3
    assert (page.what_if_level, page.what_if.level, page.what_if_words) == (4, 3.3, "Proficient")


def test_family_reads_why_in_family_words_and_the_read_is_audited(world, comps):
    _score(world, comps[0], 3, dt.date(2026, 10, 1))
    page = queries.why(viewer=world.guardian, learner_id=world.student.pk, competency_id=comps[0].pk, path="/x")
    assert (page.family, page.level_words, page.scores[0].level_words) == (True, "on pace", "on pace")
    event = AuditEvent.objects.get(verb="mastery.why")
    assert event.actor_id == world.guardian.pk
    assert list(AuditedStudent.objects.filter(event=event).values_list("student_id", flat=True)) == [world.student.pk]


@pytest.mark.parametrize("who", ["other_guardian", "other_teacher", "outsider_admin", "leader_a2"])
def test_why_of_someone_you_cannot_see_is_not_found(world, comps, who):
    with pytest.raises(NotFound):
        queries.why(viewer=getattr(world, who), learner_id=world.student.pk, competency_id=comps[0].pk)


def test_the_learner_sees_the_guides_rating_only_after_rating_themselves(world, comps):
    piece = make_evidence(world.student)
    services.guide_score_save(actor=world.teacher, evidence=piece, competency_id=comps[0].pk, level=3)
    before = queries.evidence_scores(viewer=world.student, evidence_id=piece.pk)
    assert [(r.guide_hidden, r.guide_level) for r in before["rows"]] == [(True, None)]
    services.self_assessment_save(actor=world.student, evidence=piece, competency_id=comps[0].pk, level=2)
    after = queries.evidence_scores(viewer=world.student, evidence_id=piece.pk)
    row = after["rows"][0]
    assert (row.self_level, row.guide_level, row.gap, row.gap_text) == (
        2.0,
        3.0,
        1.0,
        "Your guide rated this 1 higher than you did.",
    )
    teacher_view = queries.evidence_scores(viewer=world.teacher, evidence_id=piece.pk)["rows"][0]
    assert (teacher_view.self_level, teacher_view.guide_level, teacher_view.guide_hidden) == (2.0, 3.0, False)


def test_progress_charts_the_level_after_each_score_and_judges_the_pace(world, framework, comps):
    _score(world, comps[0], 2, dt.date(2026, 9, 1))
    _score(world, comps[0], 4, dt.date(2026, 10, 1))
    _score(world, comps[1], 1, dt.date(2026, 10, 1))
    ExpectedLevel.objects.create(school=world.school_a1, framework=framework, by_date=dt.date(2026, 9, 1), level=1)
    ExpectedLevel.objects.create(school=world.school_a1, framework=framework, by_date=dt.date(2027, 1, 1), level=3)
    with time_machine.travel(dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)):
        ctx = queries.progress(viewer=world.student, learner_id=world.student.pk)
    group = ctx["frameworks"][0]
    assert (group.mastered, group.working, group.not_started) == (1, 1, 1)
    first, second = group.items
    # 4 × 0.65 + 2 × 0.35 = 3.3; expected on 1 Nov: 1 + 2 × 61/122 = 2.0 → ahead by 1.3.
    assert [(p.day, p.level) for p in first.points] == [(dt.date(2026, 9, 1), 2.0), (dt.date(2026, 10, 1), 3.3)]
    assert (first.level_text, first.status, first.pace, first.expected_text, first.symbol) == (
        "3.3",
        "mastered",
        "ahead",
        "2",
        "✓",
    )
    assert (second.level_text, second.pace, second.symbol) == ("1", "behind", "◐")
    assert first.polyline == "24.0,60.0 296.0,36.6"


def test_a_learner_in_two_schools_is_paced_by_the_school_that_set_an_expectation(world, framework, comps):
    # The student takes one class at A1 (the persona's) and two at A2; only A1 expects anything of this framework.
    for title in ("Band", "Drama"):
        enroll(world.student, SectionFactory(school=world.school_a2, district=world.school_a2.district, title=title))
    _score(world, comps[0], 2, dt.date(2026, 9, 1))
    ExpectedLevel.objects.create(school=world.school_a1, framework=framework, by_date=dt.date(2026, 9, 1), level=3)
    with time_machine.travel(dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)):
        item = queries.progress(viewer=world.student, learner_id=world.student.pk)["frameworks"][0].items[0]
    assert (item.pace, item.expected_text) == ("behind", "3")
    # Where both schools expect something, the school of most of the learner's classes is the measure.
    ExpectedLevel.objects.create(school=world.school_a2, framework=framework, by_date=dt.date(2026, 9, 1), level=1)
    with time_machine.travel(dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)):
        item = queries.progress(viewer=world.student, learner_id=world.student.pk)["frameworks"][0].items[0]
    assert (item.pace, item.expected_text) == ("ahead", "1")


def _grid(world, **kw):
    return queries.class_grid(viewer=world.teacher, section_id=world.section.pk, **kw)


def test_the_class_grid_shows_each_learner_on_each_competency_with_text_and_symbol(world, comps):
    second = make_person(
        world.school_a1.district,
        Role.STUDENT,
        school=world.school_a1,
        username="ana",
        given_name="Ana",
        family_name="Zed",
    )
    enroll(second, world.section)
    _score(world, comps[0], 3, dt.date(2026, 10, 1))
    _score(world, comps[1], 2, dt.date(2026, 10, 1), learner=second)
    grid = _grid(world)
    assert [c.code for c in grid.competencies] == ["SCI.1", "SCI.2", "SCI.3"]
    cells = {r.learner_id: [(c.text, c.words, c.symbol, c.status) for c in r.cells] for r in grid.rows}
    assert cells[world.student.pk] == [
        ("3", "Proficient", "✓", "mastered"),
        ("—", "Not started", "○", "not_started"),
        ("—", "Not started", "○", "not_started"),
    ]
    assert cells[second.pk][1] == ("2", "Developing", "◐", "working")
    assert grid.counts == {"mastered": 1, "working": 1, "not_started": 4}
    # Sorted by a competency: the lowest scored level first, learners not started on it last.
    by_sci2 = _grid(world, sort=f"c{comps[1].pk}")
    assert [r.learner_id for r in by_sci2.rows] == [second.pk, world.student.pk]
    only_working = _grid(world, status="working")
    assert [r.learner_id for r in only_working.rows] == [second.pk]
    mastered_on_sci2 = _grid(world, status="mastered", competency_id=str(comps[1].pk))
    assert mastered_on_sci2.rows == []
    assert AuditEvent.objects.filter(verb="mastery.class_grid").count() == 4


def test_the_grid_groups_learners_who_need_the_same_next_step(world, comps):
    names = []
    for i, level_pair in enumerate([(2, 2), (2, 3), (1, 1)]):
        learner = make_person(
            world.school_a1.district,
            Role.STUDENT,
            school=world.school_a1,
            username=f"kid{i}",
            given_name=f"Kid{i}",
            family_name="Lee",
        )
        enroll(learner, world.section)
        names.append(f"Kid{i} Lee")
        for j, level in enumerate(level_pair):
            _score(world, comps[0], level, dt.date(2026, 10, 1 + j), learner=learner)
    grid = _grid(world)
    # Kid0 at 2 and Kid1 at 2.65 both need to reach 3 on SCI.1; Kid2 (1) alone needs 2: no group of one.
    assert [(g.competency.code, g.next_level, g.next_words, [n for _i, n in g.learners]) for g in grid.groups] == [
        ("SCI.1", 3, "Proficient", names[:2])
    ]


@pytest.mark.parametrize("who", ["other_teacher", "leader_a2", "student", "guardian", "outsider_admin"])
def test_the_grid_of_a_class_you_neither_teach_nor_lead_is_not_found(world, who):
    with pytest.raises(NotFound):
        queries.class_grid(viewer=getattr(world, who), section_id=world.section.pk)


def test_a_leader_of_the_school_reads_the_grid(world, comps):
    _score(world, comps[0], 3, dt.date(2026, 10, 1))
    grid = queries.class_grid(viewer=world.leader_a1, section_id=world.section.pk)
    assert [c.text for c in grid.rows[0].cells] == ["3", "—", "—"]


def _pathway(world, *titles, modes=None):
    pathway = Pathway.objects.create(
        district=world.school_a1.district, kind=Pathway.Kind.CHOICE_BOARD, title="Science board", is_published=True
    )
    pathway.sections.add(world.section)
    activities = []
    for i, title in enumerate(titles):
        activity = Activity.objects.create(
            district=world.school_a1.district, title=title, evidence_modes=(modes or {}).get(title, [])
        )
        PathwayItem.objects.create(pathway=pathway, activity=activity, position=i)
        activities.append(activity)
    return pathway, activities


def test_next_steps_rank_activities_near_the_next_level_first_with_a_reason(world, comps):
    _score(world, comps[0], 2, dt.date(2026, 9, 1))
    _score(world, comps[0], 3, dt.date(2026, 10, 1))  # 2.65: close to Proficient
    _score(world, comps[1], 2, dt.date(2026, 10, 1))  # 2: working on it
    _score(world, comps[2], 4, dt.date(2026, 10, 1))  # mastered
    _pathway_, (near, working, mastered, _drawing, done) = _pathway(
        world,
        "Design a fair test",
        "Plan a survey",
        "Explain a rainbow",
        "Draw the water cycle",
        "Old task",
        modes={"Draw the water cycle": ["drawing"]},
    )
    for activity, comp in [(near, comps[0]), (working, comps[1]), (mastered, comps[2])]:
        ActivityCompetency.objects.create(activity=activity, competency=comp)
    LearnerProfile.objects.create(learner=world.student, district=world.student.district, preferred_modes=["drawing"])
    ActivityChoice.objects.create(
        learner=world.student, pathway=_pathway_, activity=done, status=ActivityChoice.Status.DONE
    )
    suggestions = queries.next_steps(viewer=world.student, learner_id=world.student.pk)
    assert [(s.activity.title, s.points, s.reason) for s in suggestions] == [
        # 3 + 2 × 0.65 for being 0.65 of the way to Proficient, + 0.5: shown any way (they prefer drawing).
        ("Design a fair test", 4.8, "You are close to Proficient in Questions."),
        ("Plan a survey", 3.5, "Practises Planning, which you are working on."),
        ("Draw the water cycle", 1.0, "You can show it as drawing, which you prefer."),
    ]
    services.suggestion_dismiss(actor=world.student, activity_id=near.pk)
    assert [s.activity.title for s in queries.next_steps(viewer=world.student, learner_id=world.student.pk)] == [
        "Plan a survey",
        "Draw the water cycle",
    ]


def test_next_steps_favour_activities_that_fit_the_learners_goal(world, comps):
    system_goal = make_system_goal(world.school_a1.district, title="Every learner investigates")
    make_goal(
        world.student, guide=world.teacher, status="active", title="Run my own experiment", aligned_to=system_goal
    )
    _p, (fits, plain) = _pathway(world, "Science fair project", "Worksheet")
    fits.aligned_goals.add(system_goal)
    ActivityCompetency.objects.create(activity=plain, competency=comps[0])
    suggestions = queries.next_steps(viewer=world.student, learner_id=world.student.pk)
    assert [(s.activity.title, s.reason) for s in suggestions] == [
        ("Science fair project", "Fits your goal “Run my own experiment”."),
        ("Worksheet", "Starts Questions, which you have not begun yet."),
    ]


def test_a_big_need_is_split_into_small_groups_and_a_leftover_of_one_joins_the_last(world, comps):
    from pollinate.mastery.tests.factories import make_score

    for i in range(13):
        learner = make_person(
            world.school_a1.district,
            Role.STUDENT,
            school=world.school_a1,
            username=f"k{i:02d}",
            given_name=f"K{i:02d}",
            family_name="Ng",
        )
        enroll(learner, world.section)
        make_score(make_evidence(learner), comps[1], 2)
    services.recompute_all()
    groups = _grid(world).groups
    assert [(g.competency.code, g.next_level, len(g.learners)) for g in groups] == [("SCI.2", 3, 6), ("SCI.2", 3, 7)]
    assert [name for _id, name in groups[0].learners] == [f"K{i:02d} Ng" for i in range(6)]


def test_progress_reads_a_constant_number_of_queries_however_many_frameworks(world, comps):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pollinate.competencies.tests.factories import make_competency, make_framework

    def counted() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            page = queries.progress(viewer=world.teacher, learner_id=world.student.pk)
        return len(ctx), len(page["frameworks"])

    _score(world, comps[0], 3, dt.date(2026, 10, 1))
    one = counted()
    for n in range(3):
        other = make_competency(make_framework(world.section.district, title=f"Framework {n}"), f"Skill {n}")
        make_competency(other.framework, f"Another skill {n}")
        _score(world, other, 2, dt.date(2026, 10, 2))
    four = counted()

    assert (one[1], four[1]) == (1, 4)
    assert four[0] == one[0]
    groups = queries.progress(viewer=world.teacher, learner_id=world.student.pk)["frameworks"]
    (group,) = [g for g in groups if g.framework.title == "Framework 0"]
    assert (group.working, group.not_started) == (1, 1)
