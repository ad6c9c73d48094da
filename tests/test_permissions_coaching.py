"""Who may read and change coaching records, by page and by API. The tables are the specification, written
from ``pollinate/coaching/policies.py``'s docstring: coaching is confidential and never evaluation.

Record under test: a coaching cycle coach → teacher and a check-in coach → teacher (with agenda and notes), a
mentoring check-in mentor → student. A refused read answers 404 and shows nothing; a refused write answers
403 (visible) or 404 (not visible) and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pollinate.coaching import policies
from pollinate.coaching.models import CoachingCycle, ScheduledCheckIn
from pollinate.coaching.tests.factories import make_check_in, make_cycle
from pollinate.people.models import CoachingAssignment
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db
LOGIN_URL = "/accounts/login/"

# Never school leaders or district administrators: they get counts of cycles, not cycles.
CYCLE_READERS = {"coach", "teacher"}
CYCLE_READERS_WHEN_SHARED = {"coach", "teacher", "lead_coach"}
CYCLE_EDITORS = {"coach", "teacher"}
# The check-in itself (who, when): the two people and the supporters above the host.
CHECK_IN_READERS = {"coach", "teacher", "lead_coach"}
AGENDA_READERS = {"coach", "teacher"}
NOTES_READERS = {"coach", "teacher"}
NOTES_READERS_WHEN_SHARED = {"coach", "teacher", "lead_coach"}
CHECK_IN_CHANGERS = {"coach"}
# A mentor's meetings with a student stay with the mentor and the student.
MENTORING_READERS = {"mentor", "student"}
NETWORK_MANAGERS = {"district_admin", "leader_a1"}
# Each for their own district or schools: the Birch admin sees Birch's (empty) list, never Alder's coaches.
CASELOAD_SIZE_READERS = {"district_admin", "leader_a1", "leader_a2", "lead_coach", "outsider_admin"}
SEES_ALDER_COACH_SIZE = {"district_admin", "leader_a1", "lead_coach"}


@pytest.fixture
def records(world):
    cycle = make_cycle(world.coach, world.teacher, title="Cycle-focus-secret", reflection="reflection-secret")
    check_in = make_check_in(
        world.coach, world.teacher, dt.date(2026, 3, 2), agenda="agenda-secret", notes="notes-secret"
    )
    mentoring = make_check_in(
        world.mentor,
        world.student,
        dt.date(2026, 3, 3),
        notes="mentor-notes-secret",
        kind=CoachingAssignment.Kind.MENTOR_TO_STUDENT,
    )
    return cycle, check_in, mentoring


def _get(client_for, world, persona, url, api=False):
    return client_for(world.persona(persona)).get(url)


def _assert_read(response, *, persona, allowed, secret, api=False):
    body = response.content.decode()
    if persona == "anonymous":
        assert response.status_code == (401 if api else 302)
    elif allowed:
        assert response.status_code == 200
        assert secret in body
    else:
        assert response.status_code == 404
    if not allowed:
        assert secret not in body


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("shared", [False, True])
def test_cycle_page_and_api(world, client_for, records, persona, shared):
    cycle = records[0]
    if shared:
        CoachingCycle.objects.filter(pk=cycle.pk).update(shared_with_coachs_coach=True)
    readers = CYCLE_READERS_WHEN_SHARED if shared else CYCLE_READERS
    page = _get(client_for, world, persona, f"/coaching/cycles/{cycle.pk}/")
    _assert_read(page, persona=persona, allowed=persona in readers, secret="reflection-secret")
    api = _get(client_for, world, persona, f"/api/v1/coaching/cycles/{cycle.pk}")
    _assert_read(api, persona=persona, allowed=persona in readers, secret="reflection-secret", api=True)


@pytest.mark.parametrize("persona", PERSONAS)
def test_cycle_list_never_shows_content_to_others(world, client_for, records, persona):
    page = _get(client_for, world, persona, "/coaching/cycles/")
    api = _get(client_for, world, persona, "/api/v1/coaching/cycles")
    if persona == "anonymous":
        assert (page.status_code, api.status_code) == (302, 401)
        return
    for response in (page, api):
        assert response.status_code == 200
        assert ("Cycle-focus-secret" in response.content.decode()) is (persona in CYCLE_READERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_cycle_edit_refused_writes_nothing(world, client_for, records, persona):
    cycle = records[0]
    if persona == "anonymous":
        return
    response = client_for(world.persona(persona)).patch(
        f"/api/v1/coaching/cycles/{cycle.pk}",
        data=json.dumps({"reflection": "changed"}),
        content_type="application/json",
    )
    cycle.refresh_from_db()
    if persona in CYCLE_EDITORS:
        assert (response.status_code, cycle.reflection) == (200, "changed")
    else:
        assert response.status_code == (403 if persona in CYCLE_READERS else 404)
        assert cycle.reflection == "reflection-secret"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("shared", [False, True])
def test_check_in_agenda_and_notes(world, client_for, records, persona, shared):
    check_in = records[1]
    if shared:
        ScheduledCheckIn.objects.filter(pk=check_in.pk).update(notes_shared=True)
    notes_readers = NOTES_READERS_WHEN_SHARED if shared else NOTES_READERS
    page = _get(client_for, world, persona, f"/coaching/check-ins/{check_in.pk}/")
    api = _get(client_for, world, persona, f"/api/v1/coaching/check-ins/{check_in.pk}")
    if persona == "anonymous":
        assert (page.status_code, api.status_code) == (302, 401)
        return
    for response in (page, api):
        body = response.content.decode()
        if persona not in CHECK_IN_READERS:
            assert response.status_code == 404
        else:
            assert response.status_code == 200
        assert ("notes-secret" in body) is (persona in notes_readers)
        assert ("agenda-secret" in body) is (persona in AGENDA_READERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_mentoring_check_in_stays_with_mentor_and_student(world, client_for, records, persona):
    mentoring = records[2]
    page = _get(client_for, world, persona, f"/coaching/check-ins/{mentoring.pk}/")
    _assert_read(page, persona=persona, allowed=persona in MENTORING_READERS, secret="mentor-notes-secret")


@pytest.mark.parametrize("persona", PERSONAS)
def test_check_in_changes_only_by_the_host(world, client_for, records, persona):
    check_in = records[1]
    if persona == "anonymous":
        return
    response = client_for(world.persona(persona)).patch(
        f"/api/v1/coaching/check-ins/{check_in.pk}",
        data=json.dumps({"notes": "overwritten"}),
        content_type="application/json",
    )
    check_in.refresh_from_db()
    if persona in CHECK_IN_CHANGERS:
        assert (response.status_code, check_in.notes) == (200, "overwritten")
    else:
        assert response.status_code == (403 if persona in CHECK_IN_READERS else 404)
        assert check_in.notes == "notes-secret"


@pytest.mark.parametrize("persona", PERSONAS)
def test_network_changes_only_by_leaders(world, client_for, persona):
    if persona == "anonymous":
        return
    response = client_for(world.persona(persona)).post(
        "/api/v1/coaching/assignments",
        data=json.dumps(
            {
                "coach_id": world.coach.pk,
                "coachee_id": world.other_teacher.pk,
                "kind": "coach_to_teacher",
                "school_id": world.school_a1.pk,
            }
        ),
        content_type="application/json",
    )
    created = CoachingAssignment.objects.filter(coachee=world.other_teacher).exists()
    if persona in NETWORK_MANAGERS:
        assert (response.status_code, created) == (201, True)
    else:
        assert response.status_code in (403, 404)
        assert created is False


@pytest.mark.parametrize("persona", PERSONAS)
def test_caseload_sizes_page(world, client_for, persona):
    response = _get(client_for, world, persona, "/coaching/caseloads/")
    if persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if persona in CASELOAD_SIZE_READERS else 403)
        if response.status_code == 200:
            assert (world.coach.display_name in response.content.decode()) is (persona in SEES_ALDER_COACH_SIZE)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_can_view_agrees_with_visible_to(world, records, persona):
    actor = world.persona(persona)
    for record in records:
        if isinstance(record, CoachingCycle):
            assert (
                policies.can_view_cycle(actor, record)
                == policies.cycles_visible_to(actor).filter(pk=record.pk).exists()
            )
        else:
            assert (
                policies.can_view_check_in(actor, record)
                == policies.check_ins_visible_to(actor).filter(pk=record.pk).exists()
            )


def test_every_coaching_page_needs_sign_in(client):
    for url in (
        "/coaching/",
        "/coaching/network/",
        "/coaching/coverage/",
        "/coaching/cycles/",
        "/coaching/check-ins/",
        "/coaching/cadence/",
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, f"{LOGIN_URL}?next={url}")
