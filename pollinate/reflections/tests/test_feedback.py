from __future__ import annotations

import pytest
from django.urls import reverse

from pollinate.core.errors import Forbidden
from pollinate.core.models import AuditEvent
from pollinate.evidence.models import Evidence
from pollinate.notifications.models import Notification
from pollinate.reflections import services
from pollinate.reflections.models import Feedback
from pollinate.reflections.tests.helpers import make_classmate, make_evidence, make_reflection

pytestmark = pytest.mark.django_db

REFUSED = ["guardian", "leader_a1", "district_admin", "other_teacher", "other_student", "outsider_teacher",
           "outsider_admin", "coach"]


def test_guide_feedback_on_evidence_sanitizes_stamps_and_notifies(world):
    work = make_evidence(world.student, audience="guides")
    feedback = services.feedback_add(actor=world.teacher, evidence=work,
                                     body='<p>Great <a href="javascript:x()">job</a><img src=x onerror=y></p>')
    assert feedback.body == "<p>Great <a rel=\"noopener noreferrer nofollow\">job</a></p>"
    work.refresh_from_db()
    assert work.first_feedback_at == feedback.created_at
    note = Notification.objects.get()
    assert note.recipient_id == world.student.pk
    assert note.actor_id == world.teacher.pk
    assert note.message == f"{world.teacher.display_name} commented on your evidence “My volcano model”."
    assert AuditEvent.objects.filter(verb="feedback.create").count() == 1


def test_second_feedback_keeps_the_first_feedback_time(world):
    work = make_evidence(world.student)
    first = services.feedback_add(actor=world.teacher, evidence=work, body="one")
    services.feedback_add(actor=world.mentor, evidence=work, body="two")
    work.refresh_from_db()
    assert work.first_feedback_at == first.created_at
    assert Notification.objects.filter(recipient=world.student).count() == 2


@pytest.mark.parametrize("persona", [*REFUSED, "classmate", "student"])
def test_only_guides_give_feedback_on_evidence(world, persona):
    # Audience "school": classmates, family, schoolmates and leaders can all see it, but only guides comment.
    work = make_evidence(world.student, audience="school")
    actor = make_classmate(world) if persona == "classmate" else world.persona(persona)
    with pytest.raises(Forbidden):
        services.feedback_add(actor=actor, evidence=work, body="hello")
    assert Feedback.objects.count() == 0
    assert Notification.objects.count() == 0
    work.refresh_from_db()
    assert work.first_feedback_at is None


def test_guide_cannot_comment_on_work_kept_private(world):
    work = make_evidence(world.student, audience="only_me")
    with pytest.raises(Forbidden):
        services.feedback_add(actor=world.teacher, evidence=work, body="hello")
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("persona", [*REFUSED, "classmate", "student"])
def test_only_guides_give_feedback_on_a_shared_reflection(world, persona):
    reflection = make_reflection(world.student)
    actor = make_classmate(world) if persona == "classmate" else world.persona(persona)
    with pytest.raises(Forbidden):
        services.feedback_add(actor=actor, reflection=reflection, body="hello")
    assert Feedback.objects.count() == 0
    assert Notification.objects.count() == 0


def test_no_feedback_on_a_private_reflection(world):
    reflection = make_reflection(world.student, shared=False)
    with pytest.raises(Forbidden):
        services.feedback_add(actor=world.teacher, reflection=reflection, body="hello")
    assert Feedback.objects.count() == 0


def test_coach_gives_feedback_on_teachers_reflection(world):
    reflection = make_reflection(world.teacher)
    services.feedback_add(actor=world.coach, reflection=reflection, body="<p>Good noticing</p>")
    note = Notification.objects.get()
    assert note.recipient_id == world.teacher.pk
    assert note.url == reverse("reflections:detail", args=[reflection.pk])


# The thread partial and its endpoints


def test_thread_partial_htmx_post_swaps_the_thread(world, client_for):
    work = make_evidence(world.student)
    response = client_for(world.teacher).post(
        reverse("reflections:feedback-add-evidence", args=[work.pk]),
        {"body": "<p>Well argued</p>", "next": "/evidence/1/"}, HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="feedback-evidence-{work.pk}"' in html
    assert "<p>Well argued</p>" in html
    assert 'name="next" value="/evidence/1/"' in html
    assert "<html" not in html


def test_thread_plain_post_redirects_back_to_a_safe_next(world, client_for):
    reflection = make_reflection(world.student)
    client = client_for(world.teacher)
    url = reverse("reflections:feedback-add-reflection", args=[reflection.pk])
    response = client.post(url, {"body": "ok", "next": f"/reflections/learner/{world.student.pk}/"})
    assert response["Location"] == f"/reflections/learner/{world.student.pk}/"
    response = client.post(url, {"body": "ok", "next": "https://evil.example/"})
    assert response["Location"] == reverse("reflections:detail", args=[reflection.pk])
    assert Feedback.objects.count() == 2


@pytest.mark.parametrize(("persona", "status"), [
    ("guardian", 403), ("other_student", 404), ("outsider_teacher", 404), ("leader_a1", 404), ("student", 403),
])
def test_thread_post_refused_writes_nothing(world, client_for, persona, status):
    work = make_evidence(world.student, audience="family")
    response = client_for(world.persona(persona)).post(
        reverse("reflections:feedback-add-evidence", args=[work.pk]), {"body": "hi"}
    )
    assert response.status_code == status
    assert Feedback.objects.count() == 0


def test_thread_htmx_empty_body_shows_error(world, client_for):
    work = make_evidence(world.student)
    response = client_for(world.teacher).post(
        reverse("reflections:feedback-add-evidence", args=[work.pk]), {"body": "<script></script>"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "Write your feedback before sending it." in response.content.decode()
    assert Feedback.objects.count() == 0


def test_thread_partial_included_on_a_page(world, rf):
    from django.template.loader import render_to_string

    work = make_evidence(world.student)
    services.feedback_add(actor=world.teacher, evidence=work, body="<p>first</p>")
    for viewer, has_form in ((world.teacher, True), (world.student, False)):
        request = rf.get("/evidence/x/")
        request.user = viewer
        html = render_to_string("reflections/partials/feedback_thread.html",
                                {"target": work, "kind": "evidence"}, request=request)
        assert "<p>first</p>" in html
        assert ('name="body"' in html) is has_form


def test_feedback_thread_hidden_from_family_even_if_they_see_the_work(world, client_for):
    work = make_evidence(world.student, audience="family")
    services.feedback_add(actor=world.teacher, evidence=work, body="<p>teacher note</p>")
    data = client_for(world.guardian).get(f"/api/v1/reflections/feedback?evidence_id={work.pk}").json()
    assert data == []
    data = client_for(world.student).get(f"/api/v1/reflections/feedback?evidence_id={work.pk}").json()
    assert [d["body"] for d in data] == ["<p>teacher note</p>"]


def test_api_feedback_create(world, client_for):
    reflection = make_reflection(world.student)
    response = client_for(world.mentor).post("/api/v1/reflections/feedback",
                                             {"reflection_id": reflection.pk, "body": "<b>yes</b>"},
                                             content_type="application/json")
    assert response.status_code == 201
    assert response.json()["body"] == "<b>yes</b>"
    response = client_for(world.guardian).post("/api/v1/reflections/feedback",
                                               {"reflection_id": reflection.pk, "body": "no"},
                                               content_type="application/json")
    assert response.status_code == 404
    work = make_evidence(world.student, audience="class")
    response = client_for(make_classmate(world)).post("/api/v1/reflections/feedback",
                                                      {"evidence_id": work.pk, "body": "no"},
                                                      content_type="application/json")
    assert response.status_code == 403
    assert Feedback.objects.count() == 1
    assert Evidence.objects.get(pk=work.pk).first_feedback_at is None
