from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pollinate.core.errors import ApplicationError, Forbidden, NotFound
from pollinate.core.models import AuditEvent
from pollinate.evidence.models import DistrictEvidenceSettings, Evidence
from pollinate.inquiry import policies, queries, services
from pollinate.inquiry.models import EssentialQuestion, Inquiry, InquirySource
from pollinate.people.models import Role
from pollinate.people.tests.factories import enroll, make_person

pytestmark = pytest.mark.django_db

LADDER = {
    "only_me": {"student"},
    "guides": {"student", "teacher", "mentor"},
    "family": {"student", "teacher", "mentor", "guardian"},
    "class": {"student", "teacher", "mentor", "guardian", "classmate"},
    "school": {"student", "teacher", "mentor", "guardian", "classmate", "other_student", "other_teacher"},
}
PEOPLE = ["student", "teacher", "mentor", "guardian", "classmate", "other_student", "other_teacher", "leader_a2",
          "district_admin", "outsider_student", "other_guardian"]


def _classmate(world):
    person = make_person(world.section.district, Role.STUDENT, school=world.school_a1, username="classmate")
    enroll(person, world.section)
    return person


def _inquiry(learner, **fields):
    fields.setdefault("question", "Why do leaves fall?")
    return Inquiry.objects.create(district_id=learner.district_id, learner=learner, **fields)


def _actor(world, name, classmate):
    return classmate if name == "classmate" else world.persona(name)


@pytest.mark.parametrize("audience", [*LADDER, "public"])
def test_inquiry_visibility_follows_the_audience_ladder(world, audience):
    classmate = _classmate(world)
    inquiry = _inquiry(world.student, audience=audience)
    for name in PEOPLE:
        expected = audience == "public" or name in LADDER[audience]
        visible = inquiry in policies.inquiries_visible_to(_actor(world, name, classmate))
        assert visible is expected, (audience, name)


def test_teachers_action_research_is_seen_by_their_coach(world):
    research = services.inquiry_create(actor=world.teacher, question="Does wait time help?", kind="action_research")
    assert research in policies.inquiries_visible_to(world.coach)
    assert research not in policies.inquiries_visible_to(world.student)


def test_students_cannot_start_action_research(world):
    with pytest.raises(Forbidden):
        services.inquiry_create(actor=world.student, question="Q", kind="action_research")
    assert Inquiry.objects.count() == 0


def test_take_an_essential_question_from_my_class_only(world):
    mine = services.essential_question_create(actor=world.teacher, question="What makes a home?",
                                              section_ids=[world.section.pk])
    elsewhere = services.essential_question_create(actor=world.other_teacher, question="Other?",
                                                   section_ids=[world.other_section.pk])
    inquiry = services.inquiry_create(actor=world.student, essential_question_id=mine.pk)
    assert (inquiry.question, inquiry.essential_question_id) == ("What makes a home?", mine.pk)
    with pytest.raises(NotFound):
        services.inquiry_create(actor=world.student, essential_question_id=elsewhere.pk)
    assert Inquiry.objects.count() == 1


def test_teacher_offers_questions_only_to_classes_they_teach(world):
    with pytest.raises(Forbidden):
        services.essential_question_create(actor=world.teacher, question="Q", section_ids=[world.other_section.pk])
    with pytest.raises(Forbidden):
        services.essential_question_create(actor=world.student, question="Q", section_ids=[world.section.pk])
    assert EssentialQuestion.objects.count() == 0


def test_stages_sources_findings_and_sharing(world):
    inquiry = services.inquiry_create(actor=world.student, question="Why do leaves fall?")
    services.inquiry_update(actor=world.student, inquiry=inquiry, plan="Watch the maple tree")
    services.inquiry_set_stage(actor=world.student, inquiry=inquiry, stage="investigate")
    services.source_add(actor=world.student, inquiry=inquiry, title="Tree book", url="https://example.org/trees",
                        note="Chlorophyll")
    with pytest.raises(ApplicationError):
        services.inquiry_set_stage(actor=world.student, inquiry=inquiry, stage="shared")
    services.inquiry_update(actor=world.student, inquiry=inquiry,
                            findings='<p>Less light<script>alert(1)</script></p><img src=x onerror=y>')
    services.inquiry_set_stage(actor=world.student, inquiry=inquiry, stage="shared", audience="class")
    inquiry.refresh_from_db()
    assert (inquiry.stage, inquiry.audience, inquiry.findings) == ("shared", "class", "<p>Less light</p>")
    assert InquirySource.objects.filter(inquiry=inquiry).count() == 1


def test_source_links_must_be_web_links(world):
    inquiry = _inquiry(world.student)
    with pytest.raises(ApplicationError):
        services.source_add(actor=world.student, inquiry=inquiry, title="x", url="javascript:alert(1)")
    assert InquirySource.objects.count() == 0


@pytest.mark.parametrize("persona", ["teacher", "guardian", "other_student", "mentor"])
def test_only_the_learner_changes_their_inquiry(world, persona):
    inquiry = _inquiry(world.student, audience="school")
    actor = world.persona(persona)
    with pytest.raises(Forbidden):
        services.inquiry_update(actor=actor, inquiry=inquiry, plan="mine now")
    with pytest.raises(Forbidden):
        services.source_add(actor=actor, inquiry=inquiry, title="x")
    with pytest.raises(Forbidden):
        services.inquiry_set_stage(actor=actor, inquiry=inquiry, stage="plan")
    inquiry.refresh_from_db()
    assert (inquiry.plan, inquiry.stage) == ("", "question")
    assert InquirySource.objects.count() == 0


def test_public_showcase_needs_a_known_age_at_least_the_district_minimum(world):
    inquiry = _inquiry(world.student, findings="<p>x</p>")
    world.student.birth_date = None
    with pytest.raises(ApplicationError):
        services.inquiry_set_stage(actor=world.student, inquiry=inquiry, stage="shared", audience="public")
    world.student.birth_date = timezone.localdate() - datetime.timedelta(days=365 * 10)
    assert "public" not in policies.audience_choices_for(world.student)
    world.student.birth_date = timezone.localdate() - datetime.timedelta(days=365 * 15)
    assert "public" in policies.audience_choices_for(world.student)
    inquiry.refresh_from_db()
    assert inquiry.audience == "guides"


def test_district_can_restrict_audiences(world):
    DistrictEvidenceSettings.objects.create(district_id=world.student.district_id,
                                            allowed_audiences=["guides", "family"])
    assert policies.audience_choices_for(world.student) == ["only_me", "guides", "family"]
    with pytest.raises(ApplicationError):
        services.inquiry_create(actor=world.student, question="Q", audience="class")
    assert Inquiry.objects.count() == 0


def test_link_own_evidence_only(world):
    inquiry = _inquiry(world.student)
    mine = Evidence.objects.create(district_id=world.student.district_id, learner=world.student, kind="writing",
                                   title="Leaf notes")
    theirs = Evidence.objects.create(district_id=world.student.district_id, learner=world.other_student,
                                     kind="writing", title="Theirs")
    services.evidence_link(actor=world.student, inquiry=inquiry, evidence_id=mine.pk)
    with pytest.raises(NotFound):
        services.evidence_link(actor=world.student, inquiry=inquiry, evidence_id=theirs.pk)
    assert list(Evidence.objects.filter(inquiry=inquiry)) == [mine]


def test_reading_a_learners_inquiry_is_audited(world):
    inquiry = _inquiry(world.student)
    queries.inquiry_get(viewer=world.student, inquiry_id=inquiry.pk)
    assert AuditEvent.objects.filter(verb="inquiries.view").count() == 0
    queries.inquiry_get(viewer=world.teacher, inquiry_id=inquiry.pk, path="/inquiries/1/")
    assert AuditEvent.objects.filter(verb="inquiries.view", actor_id=world.teacher.pk).count() == 1


def test_guides_list_is_constant_queries(world, django_assert_max_num_queries):
    for i in range(10):
        _inquiry(world.student, question=f"q{i}")
    _inquiry(world.student, audience="only_me")
    queries.inquiries_of_my_learners(viewer=world.teacher)  # warms the scope cache
    with django_assert_max_num_queries(3):
        rows = queries.inquiries_of_my_learners(viewer=world.teacher)
        assert [r.learner.display_name for r in rows] == [world.student.display_name] * 10


# Pages


def test_inquiry_journey_through_pages(world, client_for):
    eq = services.essential_question_create(actor=world.teacher, question="What makes a home?",
                                            section_ids=[world.section.pk])
    client = client_for(world.student)
    assert "What makes a home?" in client.get(reverse("inquiry:list")).content.decode()
    assert client.get(reverse("inquiry:new") + f"?question={eq.pk}").status_code == 200
    response = client.post(reverse("inquiry:new"), {"essential_question": eq.pk, "audience": "guides"})
    inquiry = Inquiry.objects.get()
    assert response["Location"] == reverse("inquiry:detail", args=[inquiry.pk])
    client.post(reverse("inquiry:plan", args=[inquiry.pk]), {"plan": "Ask my family"})
    client.post(reverse("inquiry:source-add", args=[inquiry.pk]), {"title": "Grandma", "note": "Interview"})
    client.post(reverse("inquiry:findings", args=[inquiry.pk]), {"findings": "<p>People</p>"})
    response = client.post(reverse("inquiry:stage", args=[inquiry.pk]), {"stage": "shared", "audience": "family"})
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.plan, inquiry.stage, inquiry.audience) == ("Ask my family", "shared", "family")
    body = client_for(world.guardian).get(reverse("inquiry:detail", args=[inquiry.pk])).content.decode()
    assert "<p>People</p>" in body
    assert "Grandma" in body
    assert "Save findings" not in body


@pytest.mark.parametrize(("persona", "status"), [
    ("student", 200), ("teacher", 200), ("guardian", 404), ("other_student", 404), ("outsider_teacher", 404),
])
def test_detail_page_access_for_guides_level(world, client_for, persona, status):
    inquiry = _inquiry(world.student, audience="guides")
    assert client_for(world.persona(persona)).get(reverse("inquiry:detail", args=[inquiry.pk])).status_code == status


def test_editing_someone_elses_inquiry_by_page_is_refused(world, client_for):
    inquiry = _inquiry(world.student, audience="school")
    response = client_for(world.teacher).post(reverse("inquiry:plan", args=[inquiry.pk]), {"plan": "x"})
    assert response.status_code == 403
    response = client_for(world.outsider_teacher).post(reverse("inquiry:plan", args=[inquiry.pk]), {"plan": "x"})
    assert response.status_code == 404
    inquiry.refresh_from_db()
    assert inquiry.plan == ""


def test_essential_questions_page(world, client_for):
    client = client_for(world.teacher)
    assert client.get(reverse("inquiry:questions")).status_code == 200
    response = client.post(reverse("inquiry:questions"), {"question": "Why?", "sections": [world.section.pk]})
    assert response.status_code == 302
    assert list(EssentialQuestion.objects.values_list("question", flat=True)) == ["Why?"]


def test_guide_list_page_shows_learners_inquiries(world, client_for):
    _inquiry(world.student, question="Shared with guides")
    _inquiry(world.student, question="Just for me", audience="only_me")
    body = client_for(world.teacher).get(reverse("inquiry:list")).content.decode()
    assert "Shared with guides" in body
    assert "Just for me" not in body


# API


def test_api_create_update_source_get_list(world, client_for):
    client = client_for(world.student)
    response = client.post("/api/v1/inquiries", {"question": "Why is the sky blue?"}, content_type="application/json")
    assert response.status_code == 201
    inquiry_id = response.json()["id"]
    response = client.patch(f"/api/v1/inquiries/{inquiry_id}",
                            {"findings": "<p>Scattering<script>x</script></p>", "stage": "findings"},
                            content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["findings"], response.json()["stage"]) == ("<p>Scattering</p>", "findings")
    response = client.post(f"/api/v1/inquiries/{inquiry_id}/sources", {"title": "NASA", "url": "https://nasa.gov"},
                           content_type="application/json")
    assert response.status_code == 201
    data = client.get(f"/api/v1/inquiries/{inquiry_id}").json()
    assert [s["title"] for s in data["sources"]] == ["NASA"]
    assert client_for(world.teacher).get("/api/v1/inquiries").json()["count"] == 1
    assert client_for(world.guardian).get("/api/v1/inquiries").json()["count"] == 0


def test_api_refuses_others(world, client_for):
    inquiry = _inquiry(world.student, audience="school")
    response = client_for(world.other_student).patch(f"/api/v1/inquiries/{inquiry.pk}", {"plan": "x"},
                                                     content_type="application/json")
    assert response.status_code == 403
    response = client_for(world.outsider_student).get(f"/api/v1/inquiries/{inquiry.pk}")
    assert response.status_code == 404
    inquiry.refresh_from_db()
    assert inquiry.plan == ""
