"""Who may run the scheduler, see a proposed slot, arrange it, and edit the scheduler's inputs (every persona)."""

from __future__ import annotations

import datetime as dt

import pytest

from pollinate.coaching.models import ScheduledCheckIn
from pollinate.scheduling import policies
from pollinate.scheduling.models import ScheduleRun
from tests.personas import PERSONAS

MONDAY = dt.date(2026, 11, 9)

# Who may run the scheduler for the coach's caseload (coach=C) and for "everyone I schedule" (coach=None).
RUN_FOR_COACH = {"district_admin", "lead_coach", "coach"}
RUN_FOR_EVERYONE_I_SCHEDULE = {"district_admin", "lead_coach", "coach", "mentor"}
# Who sees the coach→teacher slot, and who may accept/move/lock it.
SEE_SLOT = {"district_admin", "lead_coach", "coach", "teacher"}
ARRANGE_SLOT = {"district_admin", "lead_coach", "coach"}
# Who may edit the teacher's free periods, the coach's profile, school A1's bells, district A's travel times.
EDIT_TEACHER_FREE = {"district_admin", "lead_coach", "coach", "teacher"}
EDIT_COACH_PROFILE = {"district_admin", "lead_coach", "coach"}
EDIT_BELLS_A1 = {"district_admin", "leader_a1"}
EDIT_TRAVEL_A = {"district_admin"}


@pytest.fixture
def slot(world):
    starts = dt.datetime(2026, 11, 9, 9, tzinfo=dt.UTC)
    return ScheduledCheckIn.objects.create(
        district_id=world.coach.district_id,
        host=world.coach,
        attendee=world.teacher,
        kind="coach_to_teacher",
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=45),
        weekday=0,
        period=1,
        status=ScheduledCheckIn.Status.PROPOSED,
        source=ScheduledCheckIn.Source.SCHEDULER,
    )


@pytest.mark.parametrize("name", PERSONAS)
def test_scheduling_permissions(world, slot, name):
    actor = world.persona(name)
    district_id = world.coach.district_id

    assert policies.can_schedule_for(actor, district_id=district_id, coach=world.coach) is (name in RUN_FOR_COACH)
    assert policies.can_schedule_for(actor, district_id=district_id, coach=None) is (
        name in RUN_FOR_EVERYONE_I_SCHEDULE
    )
    assert policies.slots_visible_to(actor).filter(pk=slot.pk).exists() is (name in SEE_SLOT)
    assert policies.can_arrange_slot(actor, slot) is (name in ARRANGE_SLOT)
    assert policies.can_edit_free_periods(actor, world.teacher) is (name in EDIT_TEACHER_FREE)
    assert policies.can_edit_coach_profile(actor, world.coach) is (name in EDIT_COACH_PROFILE)
    assert policies.can_edit_bell_schedule(actor, world.school_a1) is (name in EDIT_BELLS_A1)
    assert policies.can_edit_travel_times(actor, district_id) is (name in EDIT_TRAVEL_A)


@pytest.mark.parametrize("name", PERSONAS)
def test_slot_pages_answer_404_outside_view_and_403_when_seen_but_not_arrangeable(world, slot, client_for, name):
    client = client_for(world.persona(name))

    response = client.post(f"/scheduling/slots/{slot.pk}/lock/")

    if name == "anonymous":
        assert response.status_code == 302 and "/login" in response["Location"]
    elif name in ARRANGE_SLOT:
        assert response.status_code == 302
    elif name in SEE_SLOT:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    slot.refresh_from_db()
    assert slot.locked is (name in ARRANGE_SLOT)


@pytest.mark.parametrize("name", PERSONAS)
def test_runs_are_seen_by_those_who_asked_or_schedule_that_coach(world, client_for, name):
    run = ScheduleRun.objects.create(
        district_id=world.coach.district_id, requested_by=world.coach, coach=world.coach, week_of=MONDAY
    )
    expected = {"district_admin", "lead_coach", "coach"}

    response = client_for(world.persona(name)).get(f"/scheduling/runs/{run.pk}/")

    if name == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if name in expected else 404)
