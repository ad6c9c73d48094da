"""Learner profiles: who reads, who edits, what is recorded, and the class snapshot."""

from __future__ import annotations

import json

import pytest

from pollinate.core.models import AuditedStudent, AuditEvent
from pollinate.learners import queries
from pollinate.learners.models import LearnerProfile
from pollinate.people.models import Person
from pollinate.people.tests.factories import enroll, make_person

pytestmark = pytest.mark.django_db

FORM = {"access_strengths": "I remember what I hear", "engage_needs": "Short breaks", "interests": "Bees",
        "preferred_modes": ["audio", "drawing"]}


def _reads(student, verb):
    return AuditEvent.objects.filter(verb=verb, students__student=student)


@pytest.mark.parametrize("persona", ["student", "teacher", "mentor"])
def test_learner_and_guides_edit_the_profile_and_the_editor_is_shown(world, client_for, persona):
    editor = getattr(world, persona)
    client = client_for(editor)
    response = client.post(f"/profile/{world.student.pk}/edit/", FORM)
    assert response.status_code == 302
    profile = LearnerProfile.objects.get(learner=world.student)
    assert profile.access_strengths == "I remember what I hear"
    assert profile.engage_needs == "Short breaks"
    assert profile.preferred_modes == ["audio", "drawing"]
    assert profile.updated_by == editor
    assert profile.district_id == world.student.district_id
    page = client.get(f"/profile/{world.student.pk}/")
    assert f"Updated by {editor.display_name}" in page.content.decode()


def test_my_profile_page_and_last_edit_wins(world, client_for):
    client = client_for(world.teacher)
    client.post(f"/profile/{world.student.pk}/edit/", {**FORM, "interests": "Bees"})
    client = client_for(world.student)
    client.post(f"/profile/{world.student.pk}/edit/", {**FORM, "interests": "Wasps"})
    page = client.get("/profile/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Wasps" in body and "Bees" not in body
    assert f"Updated by {world.student.display_name}" in body


def test_form_says_no_labels(world, client_for):
    body = client_for(world.student).get(f"/profile/{world.student.pk}/edit/").content.decode()
    assert "disability labels" in body
    assert "learning style" in body


def test_family_reads_but_cannot_edit(world, client_for):
    LearnerProfile.objects.create(learner=world.student, district=world.student.district, interests="Bees")
    client = client_for(world.guardian)
    page = client.get(f"/profile/{world.student.pk}/")
    assert page.status_code == 200
    assert "Bees" in page.content.decode()
    assert f"/profile/{world.student.pk}/edit/" not in page.content.decode()
    assert client.get(f"/profile/{world.student.pk}/edit/").status_code == 403
    assert client.post(f"/profile/{world.student.pk}/edit/", FORM).status_code == 403
    assert LearnerProfile.objects.get(learner=world.student).interests == "Bees"


@pytest.mark.parametrize(
    "persona", ["other_student", "other_teacher", "leader_a2", "other_guardian", "outsider_admin",
                "outsider_teacher", "outsider_student"],
)
def test_people_without_a_relationship_get_404_and_nothing_is_written(world, client_for, persona):
    client = client_for(getattr(world, persona))
    assert client.get(f"/profile/{world.student.pk}/").status_code == 404
    assert client.post(f"/profile/{world.student.pk}/edit/", FORM).status_code == 404
    assert not LearnerProfile.objects.filter(learner=world.student).exists()
    assert not _reads(world.student, "learner_profile.view").exists()


def test_reads_by_others_are_audited_but_not_the_learners_own(world, client_for):
    client_for(world.student).get(f"/profile/{world.student.pk}/")
    client_for(world.student).get("/profile/")
    assert not _reads(world.student, "learner_profile.view").exists()
    client_for(world.guardian).get(f"/profile/{world.student.pk}/")
    event = _reads(world.student, "learner_profile.view").get()
    assert event.actor == world.guardian


def test_class_snapshot_lists_every_student_with_highlights(world, client_for):
    LearnerProfile.objects.create(
        learner=world.student, district=world.student.district, access_strengths="Reads maps",
        express_preferences="Drawing", interests="Bees", engage_needs="Quiet corner",
    )
    page = client_for(world.teacher).get(f"/profile/class/{world.section.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    for text in ("Reads maps", "Drawing", "Bees", "Quiet corner", f"/profile/{world.student.pk}/"):
        assert text in body
    event = AuditEvent.objects.get(verb="class_snapshot.view")
    assert list(AuditedStudent.objects.filter(event=event).values_list("student_id", flat=True)) == [world.student.pk]


@pytest.mark.parametrize(("persona", "status"), [("other_teacher", 404), ("leader_a1", 403), ("student", 403),
                                                 ("outsider_teacher", 404), ("leader_a2", 404)])
def test_class_snapshot_is_for_the_classes_teachers(world, client_for, persona, status):
    assert client_for(getattr(world, persona)).get(f"/profile/class/{world.section.pk}/").status_code == status
    assert not AuditEvent.objects.filter(verb="class_snapshot.view").exists()


def test_class_snapshot_takes_constant_queries(world, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            kid = make_person(world.section.district, "student", school=world.school_a1)
            enroll(kid, world.section)
            LearnerProfile.objects.create(learner=kid, district=kid.district, interests="x" * 500)

    grow(3)
    viewer = Person.objects.get(pk=world.teacher.pk)  # a fresh object: its scope is resolved inside the count
    with django_assert_max_num_queries(10) as small:
        rows = queries.class_snapshot_get(viewer=viewer, section_id=world.section.pk)["rows"]
    assert len(rows) == 4
    grow(20)
    viewer = Person.objects.get(pk=world.teacher.pk)
    with django_assert_max_num_queries(len(small.captured_queries)):
        rows = queries.class_snapshot_get(viewer=viewer, section_id=world.section.pk)["rows"]
    assert len(rows) == 24
    assert all(r.interests.endswith("…") for r in rows if r.learner != world.student)


def test_snapshot_index_lists_taught_classes(world, client_for):
    body = client_for(world.teacher).get("/profile/class/").content.decode()
    assert f"/profile/class/{world.section.pk}/" in body
    assert f"/profile/class/{world.other_section.pk}/" not in body


def test_api_get_and_update(world, client_for):
    client = client_for(world.teacher)
    url = f"/api/v1/learners/{world.student.pk}/profile"
    first = client.get(url)
    assert first.status_code == 200
    assert first.json()["interests"] == ""
    assert first.json()["updated_by_name"] is None
    response = client.patch(url, json.dumps({"talents": "Juggling", "preferred_modes": ["video"]}),
                            content_type="application/json")
    assert response.status_code == 200
    assert response.json()["talents"] == "Juggling"
    assert response.json()["preferred_modes"] == ["video"]
    assert response.json()["updated_by_name"] == world.teacher.display_name
    assert LearnerProfile.objects.get(learner=world.student).talents == "Juggling"


def test_api_refuses_unknown_mode_and_family_edit(world, client_for):
    url = f"/api/v1/learners/{world.student.pk}/profile"
    bad = client_for(world.student).patch(url, json.dumps({"preferred_modes": ["telepathy"]}),
                                          content_type="application/json")
    assert bad.status_code == 400
    forbidden = client_for(world.guardian).patch(url, json.dumps({"talents": "x"}), content_type="application/json")
    assert forbidden.status_code == 403
    hidden = client_for(world.other_student).get(url)
    assert hidden.status_code == 404
    assert not LearnerProfile.objects.exists()


def test_api_class_snapshot(world, client_for):
    response = client_for(world.teacher).get(f"/api/v1/learners/classes/{world.section.pk}/snapshot")
    assert response.status_code == 200
    assert [s["learner_id"] for s in response.json()["students"]] == [world.student.pk]
    assert client_for(world.outsider_teacher).get(
        f"/api/v1/learners/classes/{world.section.pk}/snapshot").status_code == 404
