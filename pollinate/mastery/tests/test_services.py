"""Scoring evidence, incremental mastery, quick-check import, recompute-all and expectations."""

from __future__ import annotations

import datetime as dt

import pytest

from pollinate.core.errors import ApplicationError, Forbidden, NotFound
from pollinate.core.models import AuditEvent
from pollinate.evidence.models import Audience
from pollinate.mastery import services
from pollinate.mastery.models import DismissedSuggestion, ExpectedLevel, MasteryRecord, QuickCheck, Score
from pollinate.mastery.tests.factories import make_evidence

pytestmark = pytest.mark.django_db


def _record(learner, competency):
    return MasteryRecord.objects.get(learner=learner, competency=competency)


def test_learner_self_assesses_then_guide_scores_and_mastery_follows_the_guide(world, comps):
    piece = make_evidence(world.student)
    mine = services.score_save(actor=world.student, evidence=piece, competency_id=comps[0].pk, level=3)
    assert (mine.kind, mine.level, mine.learner_id) == ("self", 3.0, world.student.pk)
    # A self-assessment alone is not mastery.
    assert not MasteryRecord.objects.filter(learner=world.student).exists()

    theirs = services.score_save(
        actor=world.teacher, evidence=piece, competency_id=comps[0].pk, level=2, comment="Add a control"
    )
    assert (theirs.kind, theirs.level, theirs.scored_by_id) == ("guide", 2.0, world.teacher.pk)
    record = _record(world.student, comps[0])
    assert (record.level, record.n_scores, record.status, record.method) == (2.0, 1, "working", "decaying_average")
    assert record.last_produced_on == dt.date(2026, 10, 1)
    assert AuditEvent.objects.filter(verb="mastery.score_create").count() == 2


def test_scores_count_in_the_order_the_work_was_made_not_the_order_they_were_graded(world, comps):
    later = make_evidence(world.student, title="Final report", produced_on=dt.date(2026, 11, 1))
    earlier = make_evidence(world.student, title="First draft", produced_on=dt.date(2026, 10, 1))
    services.guide_score_save(actor=world.teacher, evidence=later, competency_id=comps[0].pk, level=3)
    services.guide_score_save(actor=world.teacher, evidence=earlier, competency_id=comps[0].pk, level=2)
    # Decaying average 65/35 over [2 (Oct), 3 (Nov)]: 3 × 0.65 + 2 × 0.35 = 2.65, whatever the grading order.
    assert _record(world.student, comps[0]).level == 2.65
    third = make_evidence(world.student, title="Lab talk", produced_on=dt.date(2026, 11, 20))
    services.guide_score_save(actor=world.teacher, evidence=third, competency_id=comps[0].pk, level=4)
    record = _record(world.student, comps[0])
    # 4 × 0.65 + 2.65 × 0.35 = 3.5275 → 3.53, at or above 3: mastered.
    assert (record.level, record.n_scores, record.status) == (3.53, 3, "mastered")


def test_rescoring_updates_the_same_row_and_counts_the_revision(world, comps):
    piece = make_evidence(world.student)
    services.guide_score_save(actor=world.teacher, evidence=piece, competency_id=comps[1].pk, level=2)
    again = services.guide_score_save(actor=world.teacher, evidence=piece, competency_id=comps[1].pk, level=3)
    assert Score.objects.filter(evidence=piece).count() == 1
    assert (again.level, again.previous_level, again.revision) == (3.0, 2.0, 2)
    assert _record(world.student, comps[1]).level == 3.0


@pytest.mark.parametrize("who", ["other_teacher", "guardian", "leader_a1", "outsider_teacher", "coach"])
def test_only_guides_who_see_the_piece_score_it_and_nothing_is_written_otherwise(world, comps, who):
    piece = make_evidence(world.student)
    with pytest.raises(Forbidden):
        services.guide_score_save(actor=getattr(world, who), evidence=piece, competency_id=comps[0].pk, level=3)
    assert not Score.objects.exists()
    assert not MasteryRecord.objects.exists()


def test_a_guide_cannot_score_a_piece_the_learner_kept_private(world, comps):
    piece = make_evidence(world.student, audience=Audience.ONLY_ME)
    with pytest.raises(Forbidden):
        services.score_save(actor=world.teacher, evidence=piece, competency_id=comps[0].pk, level=3)
    assert not Score.objects.exists()


def test_the_learner_cannot_give_themselves_a_guide_score(world, comps):
    piece = make_evidence(world.student)
    with pytest.raises(Forbidden):
        services.guide_score_save(actor=world.student, evidence=piece, competency_id=comps[0].pk, level=4)
    assert not Score.objects.exists()


def test_levels_must_be_on_the_rubric_and_competencies_in_the_district(world, comps):
    from pollinate.competencies.tests.factories import make_competency, make_framework

    piece = make_evidence(world.student)
    with pytest.raises(ApplicationError, match=r"Choose one of the rubric's levels: 1, 2, 3, 4\."):
        services.guide_score_save(actor=world.teacher, evidence=piece, competency_id=comps[0].pk, level=7)
    foreign = make_competency(make_framework(world.school_b.district, title="Birch art"), "Draw", code="ART.1")
    with pytest.raises(ApplicationError, match="one of your district's frameworks"):
        services.guide_score_save(actor=world.teacher, evidence=piece, competency_id=foreign.pk, level=3)
    assert not Score.objects.exists()


def test_recompute_all_rebuilds_exactly_what_incremental_updates_built(world, comps):
    for i, level in enumerate([1, 2, 3, 4]):
        piece = make_evidence(world.student, title=f"Piece {i}", produced_on=dt.date(2026, 9, 1 + i))
        services.guide_score_save(actor=world.teacher, evidence=piece, competency_id=comps[i % 2].pk, level=level)
    other = make_evidence(world.other_student)
    services.guide_score_save(actor=world.other_teacher, evidence=other, competency_id=comps[2].pk, level=2)
    before = sorted(MasteryRecord.objects.values_list("learner_id", "competency_id", "level", "n_scores", "status"))
    MasteryRecord.objects.update(level=0, status="not_started")
    report = services.recompute_all(chunk=2)
    after = sorted(MasteryRecord.objects.values_list("learner_id", "competency_id", "level", "n_scores", "status"))
    assert after == before
    assert (report.records, report.scores) == (3, 5)
    # [1, 3] → 3 × 0.65 + 1 × 0.35 = 2.3; [2, 4] → 4 × 0.65 + 2 × 0.35 = 3.3.
    assert [row[2] for row in before if row[0] == world.student.pk] == [2.3, 3.3]


CSV = """learner,item,competency,correct,date
student,Q1,SCI.1,1,2026-11-02
student,Q2,SCI.1,1,2026-11-02
student,Q3,SCI.2,0,2026-11-02
"""


def test_quick_check_import_feeds_bkt_mastery(world, framework, comps):
    result = services.quick_check_import(
        actor=world.teacher, section=world.section, framework=framework, title="Exit ticket", csv_text=CSV
    )
    assert (result.responses, result.learners) == (3, 1)
    sci1 = _record(world.student, comps[0])
    assert sci1.level is None and sci1.n_responses == 2 and sci1.status == "working"
    assert 0.5 < sci1.p_mastery < 0.95
    assert _record(world.student, comps[1]).p_mastery < sci1.p_mastery


def test_quick_check_import_is_all_or_nothing_with_line_numbers(world, framework):
    bad = CSV + "otherstudent,Q4,SCI.1,1,2026-11-02\nstudent,Q5,NOPE,2,yesterday\n"
    with pytest.raises(ApplicationError) as caught:
        services.quick_check_import(
            actor=world.teacher, section=world.section, framework=framework, title="Exit ticket", csv_text=bad
        )
    assert caught.value.details == [
        "Line 5: no student otherstudent in this class.",
        "Line 6: no competency with code NOPE; correct must be 0 or 1; date must look like 2026-11-23.",
    ]
    assert not QuickCheck.objects.exists() and not MasteryRecord.objects.exists()


def test_only_a_teacher_of_the_class_imports_its_quick_checks(world, framework):
    with pytest.raises(Forbidden):
        services.quick_check_import(
            actor=world.other_teacher, section=world.section, framework=framework, title="Exit ticket", csv_text=CSV
        )
    assert not QuickCheck.objects.exists()


def test_leaders_set_expectations_for_their_school_only(world, framework):
    expected = services.expected_level_set(
        actor=world.leader_a1, school=world.school_a1, framework=framework, by_date=dt.date(2027, 1, 15), level=2
    )
    assert (expected.level, expected.set_by_id) == (2.0, world.leader_a1.pk)
    with pytest.raises(Forbidden):
        services.expected_level_set(
            actor=world.leader_a2, school=world.school_a1, framework=framework, by_date=dt.date(2027, 3, 1), level=3
        )
    with pytest.raises(ApplicationError, match="between 1 and 4"):
        services.expected_level_set(
            actor=world.leader_a1, school=world.school_a1, framework=framework, by_date=dt.date(2027, 3, 1), level=9
        )
    assert ExpectedLevel.objects.count() == 1


def test_a_learner_dismisses_a_suggestion_for_themselves_only(world):
    from pollinate.choice.models import Activity

    activity = Activity.objects.create(district=world.school_a1.district, title="Build a bridge")
    services.suggestion_dismiss(actor=world.student, activity_id=activity.pk)
    services.suggestion_dismiss(actor=world.student, activity_id=activity.pk)
    assert list(DismissedSuggestion.objects.values_list("learner_id", "activity_id")) == [
        (world.student.pk, activity.pk)
    ]
    with pytest.raises(NotFound):
        services.suggestion_dismiss(actor=world.student, activity_id=activity.pk + 999)
    assert services.suggestions_restore(actor=world.student) == 1


def test_recompute_mastery_command_for_one_district(world, comps):
    from io import StringIO

    from django.core.management import CommandError, call_command

    piece = make_evidence(world.student)
    services.guide_score_save(actor=world.teacher, evidence=piece, competency_id=comps[0].pk, level=3)
    MasteryRecord.objects.all().delete()
    out = StringIO()
    call_command("recompute_mastery", district=world.school_a1.district.slug, stdout=out)
    assert out.getvalue().startswith("Recomputed 1 mastery records from 1 scores and 0 quick-check answers in ")
    assert _record(world.student, comps[0]).level == 3.0
    with pytest.raises(CommandError, match="No district with short name 'nowhere'"):
        call_command("recompute_mastery", district="nowhere")
