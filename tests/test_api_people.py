"""The people API: pages, filters, scope (404 outside it), one error body, audited student reads, OpenAPI."""

from __future__ import annotations

import json

import pytest

from pollinate.accounts import services as account_services
from pollinate.core.models import AuditedStudent, AuditEvent
from pollinate.people.models import Role
from pollinate.people.tests.factories import RoleAssignmentFactory, SectionFactory, enroll, make_person

pytestmark = pytest.mark.django_db

EXPECTED_PATHS = {
    "/api/v1/schools": {"get": "schools_list"},
    "/api/v1/schools/{school_id}": {"get": "schools_get"},
    "/api/v1/classes": {"get": "classes_list"},
    "/api/v1/classes/{section_id}": {"get": "classes_get"},
    "/api/v1/classes/{section_id}/roster": {"get": "classes_roster"},
    "/api/v1/people": {"get": "people_list"},
    "/api/v1/people/{person_id}": {"get": "people_get"},
}


def usernames(payload) -> list[str]:
    return [p["username"] for p in payload["items"]]


def test_schools_list_is_a_page_of_what_the_viewer_may_see(world, client_for):
    response = client_for(world.district_admin).get("/api/v1/schools")
    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "page": 1,
        "page_size": 50,
        "pages": 1,
        "items": [
            {"id": world.school_a1.pk, "name": "Alder Elementary", "identifier": "",
             "sourced_id": world.school_a1.sourced_id, "district_id": world.school_a1.district_id},
            {"id": world.school_a2.pk, "name": "Alder High", "identifier": "",
             "sourced_id": world.school_a2.sourced_id, "district_id": world.school_a2.district_id},
        ],
    }


def test_schools_search_and_pages(world, client_for):
    client = client_for(world.district_admin)
    assert [s["name"] for s in client.get("/api/v1/schools?search=high").json()["items"]] == ["Alder High"]
    second = client.get("/api/v1/schools?page=2&page_size=1").json()
    assert (second["count"], second["pages"], [s["name"] for s in second["items"]]) == (2, 2, ["Alder High"])
    assert client.get("/api/v1/schools?page=3&page_size=1").json()["items"] == []


@pytest.mark.parametrize("query", ["page=0", "page_size=0", "page_size=101", "page=x"])
def test_bad_paging_is_a_422_in_the_error_format(world, client_for, query):
    response = client_for(world.district_admin).get(f"/api/v1/schools?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Invalid request."
    assert len(body["errors"]) == 1


def test_classes_filter_by_school_and_count_students(world, client_for):
    client = client_for(world.district_admin)
    payload = client.get(f"/api/v1/classes?school_id={world.school_a1.pk}").json()
    assert [(c["title"], c["student_count"], c["school_name"]) for c in payload["items"]] == [
        ("Grade 4 Science", 1, "Alder Elementary"),
        ("Grade 5 Math", 1, "Alder Elementary"),
    ]
    assert client.get(f"/api/v1/classes?school_id={world.school_a2.pk}").json()["count"] == 0
    # Another district's school id filters to nothing rather than revealing its classes.
    assert client.get(f"/api/v1/classes?school_id={world.school_b.pk}").json()["count"] == 0


def test_people_filters(world, client_for):
    client = client_for(world.district_admin)
    students = client.get("/api/v1/people?role=student").json()
    assert sorted(usernames(students)) == ["otherstudent", "student"]
    at_a2 = client.get(f"/api/v1/people?school_id={world.school_a2.pk}").json()
    assert usernames(at_a2) == ["leadera2"]
    found = client.get(f"/api/v1/people?search={world.other_student.family_name}").json()
    assert usernames(found) == ["otherstudent"]


def test_person_with_two_roles_at_a_school_is_listed_once(world, client_for):
    RoleAssignmentFactory(person=world.teacher, district=world.teacher.district, role=Role.MENTOR,
                          school=world.school_a1)
    payload = client_for(world.district_admin).get(
        f"/api/v1/people?school_id={world.school_a1.pk}&search=teacher").json()
    assert sorted(usernames(payload)) == ["otherteacher", "teacher"]
    assert payload["count"] == 2


def test_unknown_role_filter_is_rejected(world, client_for):
    response = client_for(world.district_admin).get("/api/v1/people?role=wizard")
    assert response.status_code == 422
    assert response.json()["errors"][0].startswith("query.role: ")


def test_record_outside_scope_is_404_with_the_error_body_and_no_data(world, client_for):
    response = client_for(world.teacher).get(f"/api/v1/people/{world.other_student.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": []}
    assert not AuditEvent.objects.exists()


def test_missing_record_and_hidden_record_answer_the_same(world, client_for):
    client = client_for(world.teacher)
    hidden = client.get(f"/api/v1/classes/{world.outsider_section.pk}")
    missing = client.get("/api/v1/classes/999999")
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_anonymous_gets_401_in_the_error_format(world, client_for):
    response = client_for(None).get("/api/v1/people")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required.", "errors": []}


def test_bearer_token_reads_as_its_owner(world, client):
    _token, raw = account_services.api_token_create(actor=world.teacher, name="sync", days=30)
    response = client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert sorted(usernames(response.json())) == ["coach", "guardian", "student", "teacher"]
    assert client.get("/api/v1/people", HTTP_AUTHORIZATION="Bearer pln_wrong").status_code == 401


def test_roster_lists_only_people_the_viewer_may_see(world, client_for):
    coach_view = client_for(world.coach).get(f"/api/v1/classes/{world.section.pk}/roster").json()
    assert [p["username"] for p in coach_view["teachers"]] == ["teacher"]
    assert coach_view["students"] == []
    assert world.student.display_name not in json.dumps(coach_view)
    teacher_view = client_for(world.teacher).get(f"/api/v1/classes/{world.section.pk}/roster").json()
    assert teacher_view["section"]["title"] == "Grade 4 Science"
    assert [p["username"] for p in teacher_view["students"]] == ["student"]


def test_people_list_audits_exactly_the_students_on_the_page(world, client_for):
    client = client_for(world.district_admin)
    client.get("/api/v1/people?page_size=100")
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor_id, event.district_id, event.path) == (
        "people_list.view", world.district_admin.pk, world.district_admin.district_id, "/api/v1/people",
    )
    assert set(AuditedStudent.objects.values_list("student_id", flat=True)) == {
        world.student.pk, world.other_student.pk,
    }
    AuditEvent.objects.all().delete()
    client.get("/api/v1/people?role=teacher")
    assert not AuditEvent.objects.exists()  # no student on that page, nothing to record


def test_people_list_query_count_does_not_grow_with_the_page(world, client_for, django_assert_max_num_queries):
    client = client_for(world.teacher)
    with django_assert_max_num_queries(10) as small:
        client.get("/api/v1/people")
    for n in range(30):
        enroll(make_person(world.teacher.district, Role.STUDENT, username=f"extra{n}"), world.section)
    client = client_for(world.teacher)
    with django_assert_max_num_queries(len(small.captured_queries)):
        payload = client.get("/api/v1/people").json()
    assert payload["count"] == 34  # the teacher, their coach, the guardian and 31 students
    assert AuditedStudent.objects.filter(event__verb="people_list.view").count() == 1 + 31


def test_classes_list_query_count_is_constant(world, client_for, django_assert_max_num_queries):
    for n in range(20):
        SectionFactory(school=world.school_a1, title=f"Elective {n:02}")
    client = client_for(world.district_admin)
    with django_assert_max_num_queries(8):
        payload = client.get("/api/v1/classes?page_size=100").json()
    assert payload["count"] == 22


def test_openapi_schema_lists_every_path_and_the_bearer_scheme(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    for path, operations in EXPECTED_PATHS.items():
        assert path in schema["paths"], path
        for method, operation_id in operations.items():
            assert schema["paths"][path][method]["operationId"] == operation_id
    assert schema["components"]["securitySchemes"]["ApiTokenAuth"] == {"type": "http", "scheme": "bearer"}
    operation_ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(operation_ids) == len(set(operation_ids))
    assert all(op_id.count("_") >= 1 and op_id == op_id.lower() for op_id in operation_ids)


def test_api_docs_page_is_public(client):
    assert client.get("/api/v1/docs").status_code == 200


def test_roster_query_count_is_constant_and_audits_every_student(world, client_for, django_assert_max_num_queries):
    client = client_for(world.teacher)
    with django_assert_max_num_queries(20) as small:
        client.get(f"/api/v1/classes/{world.section.pk}/roster")
    for n in range(25):
        enroll(make_person(world.teacher.district, Role.STUDENT, username=f"pupil{n}"), world.section)
    client = client_for(world.teacher)
    with django_assert_max_num_queries(len(small.captured_queries)):
        payload = client.get(f"/api/v1/classes/{world.section.pk}/roster").json()
    assert len(payload["students"]) == 26
    assert AuditedStudent.objects.filter(event__verb="class_roster.view").count() == 1 + 26
