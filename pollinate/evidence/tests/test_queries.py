"""Reads for pages and dashboards: what they return, the audit of reads, and constant query counts."""

from __future__ import annotations

from pollinate.core.models import AuditedStudent, AuditEvent
from pollinate.core.tests.audit_statements import audit_statements
from pollinate.evidence import queries
from pollinate.evidence.tests.helpers import make_writing
from pollinate.people.roles import scope_for
from pollinate.reflections.models import Feedback


def test_awaiting_feedback_lists_guided_learners_pieces_without_feedback(world):
    old = make_writing(world.student, title="old")
    new = make_writing(world.classmate, title="new")
    answered = make_writing(world.student, title="answered")
    Feedback.objects.create(district=world.student.district, author=world.teacher, evidence=answered, body="Good")
    make_writing(world.student, title="private", audience="only_me")
    make_writing(world.other_student, title="not my class", audience="school")
    titles = [p.title for p in queries.evidence_awaiting_feedback(viewer=world.teacher)]
    assert titles == [new.title, old.title]


def test_awaiting_feedback_is_constant_in_queries(world, django_assert_num_queries):
    scope_for(world.teacher)
    for i in range(3):
        make_writing(world.student, title=f"a{i}")
    with django_assert_num_queries(1 + audit_statements()):  # the list, the audit
        assert len(queries.evidence_awaiting_feedback(viewer=world.teacher)) == 3
    for i in range(10):
        make_writing(world.classmate, title=f"b{i}")
    with django_assert_num_queries(1 + audit_statements()):
        assert len(queries.evidence_awaiting_feedback(viewer=world.teacher)) == 13


def test_portfolio_and_recent_are_constant_in_queries(world, django_assert_max_num_queries):
    scope_for(world.guardian)
    for i in range(12):
        make_writing(world.student, title=f"p{i}", audience="family").__class__.objects.filter(
            title=f"p{i}").update(in_portfolio=True)
    with django_assert_max_num_queries(3):
        folio = queries.portfolio(viewer=world.guardian, learner=world.student.pk)
    assert len(folio.pieces) == 12
    with django_assert_max_num_queries(3):
        assert len(queries.recent_evidence(viewer=world.guardian, learner=world.student)) == 5


def test_reads_by_others_are_audited_but_not_the_learners_own(world):
    piece = make_writing(world.student, audience="family")
    queries.evidence_get(viewer=world.student, evidence_id=piece.pk)
    assert AuditEvent.objects.filter(verb="evidence.read").count() == 0
    queries.evidence_get(viewer=world.guardian, evidence_id=piece.pk, path="/evidence/1/")
    event = AuditEvent.objects.get(verb="evidence.read")
    assert event.actor_id == world.guardian.pk
    assert list(AuditedStudent.objects.filter(event=event).values_list("student_id", flat=True)) == [world.student.pk]


def test_page_view_by_a_guide_is_audited(world, client_for):
    piece = make_writing(world.student)
    client_for(world.teacher).get(f"/evidence/{piece.pk}/")
    assert list(AuditedStudent.objects.filter(event__verb="evidence.read", event__actor=world.teacher)
                .values_list("student_id", flat=True)) == [world.student.pk]
