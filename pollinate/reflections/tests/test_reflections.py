from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from pollinate.core.errors import ApplicationError, Forbidden, NotFound
from pollinate.core.models import AuditedStudent, AuditEvent
from pollinate.core.tests.audit_statements import audit_statements
from pollinate.reflections import policies, queries, services
from pollinate.reflections.models import Reflection, ReflectionPrompt
from pollinate.reflections.tests.helpers import make_classmate, make_evidence, make_goal, make_reflection

pytestmark = pytest.mark.django_db

SEES_SHARED = {"student", "teacher", "mentor"}


def test_builtin_prompts_are_seeded_once_each():
    rows = list(ReflectionPrompt.objects.filter(district__isnull=True).values_list("stem", flat=True))
    assert sorted(rows) == sorted(["what", "why", "how_know", "next", "helped", "in_the_way"])


def test_prompt_seed_migration_reverses_and_reapplies(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate([("reflections", "0001_initial")])
    assert ReflectionPrompt.objects.count() == 0
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("reflections", "0002_seed_builtin_prompts")])
    assert ReflectionPrompt.objects.filter(district__isnull=True).count() == 6
    # Leave the schema as the other tests expect it (later migrations add columns).
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.parametrize("persona", [
    "student", "teacher", "mentor", "other_student", "guardian", "leader_a1", "district_admin", "other_teacher",
    "coach", "outsider_teacher", "outsider_admin", "anonymous",
])
def test_who_sees_a_shared_reflection(world, persona):
    shared = make_reflection(world.student, shared=True)
    actor = world.persona(persona)
    assert (shared in policies.reflections_visible_to(actor)) is (persona in SEES_SHARED)
    if actor is not None:
        assert policies.can_view_reflection(actor, shared) is (persona in SEES_SHARED)


@pytest.mark.parametrize("persona", ["student", "teacher", "mentor", "guardian", "leader_a1", "district_admin"])
def test_a_private_reflection_is_the_learners_alone(world, persona):
    private = make_reflection(world.student, shared=False)
    assert (private in policies.reflections_visible_to(world.persona(persona))) is (persona == "student")


def test_classmate_does_not_see_reflections(world):
    classmate = make_classmate(world)
    assert list(policies.reflections_visible_to(classmate)) == []
    make_reflection(world.student)
    assert list(policies.reflections_visible_to(classmate)) == []


def test_teacher_reflection_is_seen_by_their_coach(world):
    reflection = make_reflection(world.teacher)
    assert reflection in policies.reflections_visible_to(world.coach)
    assert reflection not in policies.reflections_visible_to(world.student)


def test_create_sanitizes_and_attaches_to_own_goal(world):
    goal = make_goal(world.student)
    prompt = ReflectionPrompt.objects.get(district__isnull=True, stem="why")
    reflection = services.reflection_create(
        actor=world.student, prompt_id=prompt.pk, goal_id=goal.pk,
        body='<p onclick="x()">Because <script>alert(1)</script><strong>rocks</strong></p>',
    )
    assert reflection.body == "<p>Because <strong>rocks</strong></p>"
    assert (reflection.goal_id, reflection.prompt_id, reflection.prompt_text) == (goal.pk, prompt.pk, prompt.text)
    assert reflection.shared_with_guides is True
    assert AuditEvent.objects.filter(verb="reflection.create", object_id=str(reflection.pk)).count() == 1


def test_create_refuses_someone_elses_goal_or_work_and_writes_nothing(world):
    other_goal = make_goal(world.other_student)
    other_work = make_evidence(world.other_student)
    with pytest.raises(NotFound):
        services.reflection_create(actor=world.student, body="hi", goal_id=other_goal.pk)
    with pytest.raises(NotFound):
        services.reflection_create(actor=world.student, body="hi", evidence_id=other_work.pk)
    assert Reflection.objects.count() == 0


def test_create_refuses_empty_body_after_cleaning(world):
    with pytest.raises(ApplicationError):
        services.reflection_create(actor=world.student, body="<script>x</script>")
    assert Reflection.objects.count() == 0


def test_create_refuses_another_districts_prompt(world):
    birch = ReflectionPrompt.objects.create(district_id=world.outsider_admin.district_id, stem="what", text="B?")
    with pytest.raises(ApplicationError):
        services.reflection_create(actor=world.student, body="hi", prompt_id=birch.pk)
    assert Reflection.objects.count() == 0


def test_only_the_learner_changes_sharing(world):
    reflection = make_reflection(world.student)
    with pytest.raises(Forbidden):
        services.reflection_set_sharing(actor=world.teacher, reflection=reflection, shared_with_guides=False)
    reflection.refresh_from_db()
    assert reflection.shared_with_guides is True
    services.reflection_set_sharing(actor=world.student, reflection=reflection, shared_with_guides=False)
    assert reflection not in policies.reflections_visible_to(world.teacher)


def test_prompts_visible_are_builtin_and_own_district(world):
    mine = ReflectionPrompt.objects.create(district_id=world.student.district_id, stem="what", text="Alder?")
    birch = ReflectionPrompt.objects.create(district_id=world.outsider_admin.district_id, stem="what", text="B?")
    visible = set(queries.prompt_list(viewer=world.student))
    assert mine in visible
    assert birch not in visible
    assert len(visible) == 7


def test_only_district_admins_manage_prompts(world):
    district_id = world.district_admin.district_id
    with pytest.raises(Forbidden):
        services.prompt_create(actor=world.teacher, district_id=district_id, stem="what", text="T?")
    with pytest.raises(Forbidden):
        services.prompt_create(actor=world.outsider_admin, district_id=district_id, stem="what", text="B?")
    assert ReflectionPrompt.objects.filter(district__isnull=False).count() == 0
    prompt = services.prompt_create(actor=world.district_admin, district_id=district_id, stem="next", text="Next?")
    services.prompt_set_active(actor=world.district_admin, prompt=prompt, is_active=False)
    prompt.refresh_from_db()
    assert prompt.is_active is False
    builtin = ReflectionPrompt.objects.filter(district__isnull=True).first()
    with pytest.raises(Forbidden):
        services.prompt_set_active(actor=world.district_admin, prompt=builtin, is_active=False)


def test_timeline_reads_are_audited_for_guides_not_for_the_learner(world):
    make_reflection(world.student)
    list(queries.reflection_timeline(viewer=world.student, learner=world.student))
    assert AuditEvent.objects.filter(verb="reflections.timeline").count() == 0
    list(queries.reflection_timeline(viewer=world.teacher, learner=world.student, path="/x/"))
    event = AuditEvent.objects.get(verb="reflections.timeline")
    assert event.actor_id == world.teacher.pk
    assert list(AuditedStudent.objects.filter(event=event).values_list("student_id", flat=True)) == [world.student.pk]


def test_timeline_query_count_is_constant(world, django_assert_num_queries):
    for i in range(12):
        r = make_reflection(world.student, goal=make_goal(world.student, title=f"g{i}"),
                            evidence=None if i % 2 else make_evidence(world.student, title=f"e{i}"))
        services.feedback_add(actor=world.teacher, reflection=r, body=f"<p>nice {i}</p>")
    world.teacher.refresh_from_db()
    # Scope resolution is cached on the viewer; warm it as a request would.
    list(policies.reflections_visible_to(world.teacher))
    with django_assert_num_queries(audit_statements() + 2):  # the audit + reflections + feedback
        rows = list(queries.reflection_timeline(viewer=world.teacher, learner=world.student))
        assert len(rows) == 12
        assert all(len(r.feedback.all()) == 1 for r in rows)
        assert all(r.goal.title and r.feedback.all()[0].author.display_name for r in rows)


def test_awaiting_feedback_and_recent(world):
    answered = make_reflection(world.student)
    waiting = make_reflection(world.student)
    make_reflection(world.student, shared=False)
    make_reflection(world.other_student)
    services.feedback_add(actor=world.teacher, reflection=answered, body="ok")
    assert queries.reflections_awaiting_feedback(viewer=world.teacher) == [waiting]
    assert queries.reflections_awaiting_feedback(viewer=world.guardian) == []
    recent = queries.recent_reflections(viewer=world.student, learner=world.student, limit=2)
    assert len(recent) == 2
    assert queries.recent_reflections(viewer=world.guardian, learner=world.student) == []


def test_awaiting_feedback_query_count(world, django_assert_max_num_queries):
    for _ in range(10):
        make_reflection(world.student)
    list(policies.reflections_visible_to(world.teacher))
    with django_assert_max_num_queries(3):
        rows = queries.reflections_awaiting_feedback(viewer=world.teacher)
        assert [r.learner.display_name for r in rows] == [world.student.display_name] * 10


# Pages


def test_write_a_reflection_page(world, client_for):
    client = client_for(world.student)
    assert client.get(reverse("reflections:new")).status_code == 200
    response = client.post(reverse("reflections:new"), {"body": "<p>Today <em>I</em> learned</p>",
                                                        "shared_with_guides": "on"})
    reflection = Reflection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reflections:detail", args=[reflection.pk])
    assert reflection.body == "<p>Today <em>I</em> learned</p>"


def test_write_page_refuses_goal_and_work_together(world, client_for):
    goal = make_goal(world.student)
    work = make_evidence(world.student)
    response = client_for(world.student).post(reverse("reflections:new"),
                                              {"body": "x", "goal": goal.pk, "evidence": work.pk})
    assert response.status_code == 200
    assert Reflection.objects.count() == 0


@pytest.mark.parametrize(("persona", "status"), [
    ("student", 200), ("teacher", 200), ("mentor", 200), ("guardian", 404), ("other_student", 404),
    ("leader_a1", 404), ("district_admin", 404), ("outsider_teacher", 404),
])
def test_timeline_page_access(world, client_for, persona, status):
    make_reflection(world.student, body="<p>secret thought</p>")
    response = client_for(world.persona(persona)).get(reverse("reflections:timeline", args=[world.student.pk]))
    assert response.status_code == status
    assert ("secret thought" in response.content.decode()) is (status == 200)


def test_timeline_page_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    for _ in range(15):
        r = make_reflection(world.student, goal=make_goal(world.student))
        services.feedback_add(actor=world.teacher, reflection=r, body="<p>ok</p>")
    client = client_for(world.teacher)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("reflections:timeline", args=[world.student.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="feedback"') == 15


def test_index_page_for_learner_and_guide(world, client_for):
    make_reflection(world.student)
    assert client_for(world.student).get(reverse("reflections:index")).status_code == 200
    body = client_for(world.teacher).get(reverse("reflections:index")).content.decode()
    assert "Waiting for your feedback" in body
    assert world.student.display_name in body


def test_private_work_title_is_hidden_from_guides_on_a_shared_reflection(world, client_for):
    work = make_evidence(world.student, audience="only_me", title="Diary entry")
    reflection = make_reflection(world.student, evidence=work)
    body = client_for(world.teacher).get(reverse("reflections:detail", args=[reflection.pk])).content.decode()
    assert "Diary entry" not in body
    body = client_for(world.student).get(reverse("reflections:detail", args=[reflection.pk])).content.decode()
    assert "Diary entry" in body


def test_sharing_toggle_page(world, client_for):
    reflection = make_reflection(world.student)
    assert client_for(world.teacher).post(reverse("reflections:sharing", args=[reflection.pk]),
                                          {"shared": "0"}).status_code == 403
    response = client_for(world.student).post(reverse("reflections:sharing", args=[reflection.pk]), {"shared": "0"})
    assert response.status_code == 302
    reflection.refresh_from_db()
    assert reflection.shared_with_guides is False


def test_prompts_page_for_district_admin_only(world, client_for):
    assert client_for(world.teacher).get(reverse("reflections:prompts")).status_code == 403
    client = client_for(world.district_admin)
    assert client.get(reverse("reflections:prompts")).status_code == 200
    response = client.post(reverse("reflections:prompts"), {"stem": "helped", "text": "Who helped you?"})
    assert response.status_code == 302
    prompt = ReflectionPrompt.objects.get(district_id=world.district_admin.district_id)
    assert prompt.text == "Who helped you?"
    client.post(reverse("reflections:prompt-toggle", args=[prompt.pk]), {"active": "0"})
    prompt.refresh_from_db()
    assert prompt.is_active is False


# API


def test_api_create_get_and_list(world, client_for):
    client = client_for(world.student)
    response = client.post("/api/v1/reflections", {"body": "<p>Hi<script>x</script></p>"},
                           content_type="application/json")
    assert response.status_code == 201
    data = response.json()
    assert data["body"] == "<p>Hi</p>"
    assert data["feedback"] == []
    assert client.get(f"/api/v1/reflections/{data['id']}").json()["id"] == data["id"]
    teacher = client_for(world.teacher)
    listed = teacher.get(f"/api/v1/reflections?learner_id={world.student.pk}").json()
    assert [i["id"] for i in listed["items"]] == [data["id"]]
    assert AuditEvent.objects.filter(verb="reflections.list", actor_id=world.teacher.pk).count() == 1


def test_api_hides_private_and_others_reflections(world, client_for):
    private = make_reflection(world.student, shared=False)
    assert client_for(world.teacher).get(f"/api/v1/reflections/{private.pk}").status_code == 404
    assert client_for(world.guardian).get(f"/api/v1/reflections/{private.pk}").status_code == 404
    assert client_for(world.guardian).get("/api/v1/reflections").json()["count"] == 0


def test_api_prompts(world, client_for):
    data = client_for(world.student).get("/api/v1/reflections/prompts").json()
    assert len(data) == 6
