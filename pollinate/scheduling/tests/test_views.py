"""The scheduling pages, the API and the command, as a coach, a teacher and an admin use them."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from pollinate.coaching.models import ScheduledCheckIn
from pollinate.scheduling.models import CoachProfile, FreePeriod, ScheduleRun, TravelTime
from pollinate.scheduling.tests.factories import MONDAY, set_free

API = "/api/v1/schedules"


@pytest.fixture(autouse=True)
def inline(settings):
    settings.SCHEDULING_INLINE = True


def _post_json(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_a_coach_runs_the_scheduler_and_sees_the_week(net, client_for):
    set_free(net.teachers[0], (0, 1))
    set_free(net.teachers[1], (2, 4))
    client = client_for(net.coach)

    response = client.post("/scheduling/", {"week_of": "2026-11-11", "coach": net.coach.pk, "time_limit": 5})

    run = ScheduleRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/scheduling/runs/{run.pk}/"
    page = client.get(f"/scheduling/runs/{run.pk}/").content.decode()
    assert "Done: 2 of 4 check-ins proposed." in page
    assert page.count("has no free period this week") == 2
    grid = client.get("/scheduling/", {"week": "2026-11-09", "coach": net.coach.pk}).content.decode()
    slot = ScheduledCheckIn.objects.get(attendee=net.teachers[1])
    assert f'data-testid="slot-{slot.pk}"' in grid
    assert "Accept" in grid and "Lock" in grid


def test_the_run_page_polls_while_solving_and_works_without_script(net, client_for):
    run = ScheduleRun.objects.create(
        district=net.district,
        requested_by=net.coach,
        coach=net.coach,
        week_of=MONDAY,
        status=ScheduleRun.Status.RUNNING,
        progress=40,
    )
    client = client_for(net.coach)

    page = client.get(f"/scheduling/runs/{run.pk}/").content.decode()
    fragment = client.get(f"/scheduling/runs/{run.pk}/", headers={"HX-Request": "true"}).content.decode()

    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'hx-trigger="every 1s"' in page
    assert 'value="40"' in fragment and "<html" not in fragment


def test_slot_buttons_accept_lock_and_move(net, client_for):
    set_free(net.teachers[0], (0, 1), (1, 2))
    client = client_for(net.coach)
    client.post("/scheduling/", {"week_of": "2026-11-09", "coach": net.coach.pk, "time_limit": 5})
    slot = ScheduledCheckIn.objects.get()
    back = "/scheduling/?week=2026-11-09"

    assert client.post(f"/scheduling/slots/{slot.pk}/lock/", {"next": back})["Location"] == back
    client.post(f"/scheduling/slots/{slot.pk}/accept/", {"next": "https://evil.example/"})
    target = (1, 2) if (slot.weekday, slot.period) == (0, 1) else (0, 1)
    client.post(f"/scheduling/slots/{slot.pk}/move/", {"weekday": target[0], "period": target[1]})
    refused = client.post(f"/scheduling/slots/{slot.pk}/move/", {"weekday": 4, "period": 8}, follow=True)

    slot.refresh_from_db()
    assert (slot.locked, slot.status, slot.weekday, slot.period) == (True, "scheduled", *target)
    assert "is not free then." in refused.content.decode()


def test_a_teacher_sees_their_own_slot_but_no_grid_and_cannot_arrange_it(net, client_for):
    set_free(net.teachers[0], (0, 1))
    client_for(net.coach).post("/scheduling/", {"week_of": "2026-11-09", "coach": net.coach.pk, "time_limit": 5})
    slot = ScheduledCheckIn.objects.get()
    client = client_for(net.teachers[0])

    page = client.get("/scheduling/", {"week": "2026-11-09"}).content.decode()
    refused = client.post(f"/scheduling/slots/{slot.pk}/lock/")
    run_post = client.post("/scheduling/", {"week_of": "2026-11-09", "time_limit": 5})

    assert f'data-testid="my-slot-{slot.pk}"' in page
    assert "Run the scheduler" not in page and f'data-testid="slot-{slot.pk}"' not in page
    assert refused.status_code == 403
    assert run_post.status_code == 403
    slot.refresh_from_db()
    assert slot.locked is False and ScheduleRun.objects.count() == 1


def test_someone_outside_the_check_in_gets_404(net, client_for):
    set_free(net.teachers[0], (0, 1))
    client_for(net.coach).post("/scheduling/", {"week_of": "2026-11-09", "coach": net.coach.pk, "time_limit": 5})
    slot = ScheduledCheckIn.objects.get()
    run = ScheduleRun.objects.get()

    client = client_for(net.other_coach)
    assert client.post(f"/scheduling/slots/{slot.pk}/accept/").status_code == 404
    assert client.get(f"/scheduling/runs/{run.pk}/").status_code == 404
    assert ScheduledCheckIn.objects.get().status == "proposed"


def test_a_teacher_fills_in_free_periods_on_the_grid(net, client_for):
    client = client_for(net.teachers[0])

    page = client.get("/scheduling/free-periods/").content.decode()
    response = client.post("/scheduling/free-periods/", {"slots": ["0-1", "4-8"]})

    assert 'id="slot-0-1"' in page and "Monday, period 1" in page
    assert response.status_code == 302
    assert set(FreePeriod.objects.filter(person=net.teachers[0]).values_list("weekday", "period")) == {(0, 1), (4, 8)}
    assert client.get(f"/scheduling/free-periods/?person={net.teachers[1].pk}").status_code == 404


def test_coach_profile_and_travel_pages(net, client_for):
    coach = client_for(net.coach)
    saved = coach.post(
        f"/scheduling/coaches/{net.coach.pk}/", {"home_school": net.school_b.pk, "max_per_day": 3, "slots": ["2-3"]}
    )
    assert saved.status_code == 302
    profile = CoachProfile.objects.get(coach=net.coach)
    assert (profile.home_school_id, profile.max_per_day, profile.busy) == (net.school_b.pk, 3, [[2, 3]])
    assert coach.get("/scheduling/travel/").status_code == 404

    admin = client_for(net.admin)
    admin.post("/scheduling/travel/", {"school_a": net.school_a.pk, "school_b": net.school_b.pk, "minutes": 22})
    bells = admin.post(f"/scheduling/schools/{net.school_a.pk}/bells/", {"days": 5, "periods": "8:00-8:40\nlunch"})
    assert TravelTime.objects.get().minutes == 22
    assert bells.status_code == 400 and "Line 2 is not a period like 08:30-09:15." in bells.content.decode()


def test_the_api_runs_and_arranges_slots(net, client_for):
    set_free(net.teachers[0], (0, 1))
    client = client_for(net.coach)

    created = _post_json(
        client, API, {"week_of": "2026-11-09", "coach_id": net.coach.pk, "time_limit": 5, "wait": True}
    )
    body = created.json()
    slots = client.get(f"{API}/slots", {"week_of": "2026-11-09"}).json()
    locked = _post_json(client, f"{API}/slots/{slots[0]['id']}/lock", {"locked": True}).json()
    accepted = _post_json(client, f"{API}/slots/{slots[0]['id']}/accept", {}).json()

    assert created.status_code == 201
    assert (body["status"], body["placed"], body["requested"]) == ("done", 1, 4)
    assert {u["reason"] for u in body["unplaced"]} == {"no_free_period"}
    assert client.get(f"{API}/{body['id']}").json()["placed"] == 1
    assert [(s["attendee_id"], s["weekday"], s["period"], s["status"]) for s in slots] == [
        (net.teachers[0].pk, 0, 1, "proposed")
    ]
    assert (locked["locked"], accepted["status"]) == (True, "scheduled")
    teacher = client_for(net.teachers[0])
    assert _post_json(teacher, API, {"week_of": "2026-11-09", "time_limit": 5}).status_code == 403
    assert _post_json(teacher, f"{API}/slots/{slots[0]['id']}/lock", {"locked": False}).status_code == 403


def test_the_command_prints_a_summary_and_the_unplaced_list(net, capsys):
    set_free(net.teachers[0], (0, 1))
    set_free(net.other_teacher, (0, 1))

    call_command("schedule_checkins", "--week", "2026-11-09", "--time-limit", "5")

    out = capsys.readouterr().out
    assert "Week of 2026-11-09: placed 2 of 5 check-ins; travel 0 minutes (proven least 0, gap 0.0%)." in out
    assert "Not placed (3):" in out
    assert "  teacher1 (coach coach): has no free period this week" in out
    assert ScheduledCheckIn.objects.filter(source="scheduler").count() == 2


def test_the_command_for_one_coach_and_bad_input(net, capsys):
    call_command("schedule_checkins", "--week", "2026-11-09", "--coach", "othercoach", "--time-limit", "5")
    assert "placed 0 of 1 check-ins" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--week must be a date"):
        call_command("schedule_checkins", "--week", "next week")
    with pytest.raises(CommandError, match="No person with username 'nobody'"):
        call_command("schedule_checkins", "--week", "2026-11-09", "--coach", "nobody")


def _week_queries(client, coach_id):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/scheduling/", {"week": "2026-11-09", "coach": coach_id})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_week_page_costs_the_same_queries_whatever_the_caseload(net, client_for):
    from pollinate.coaching.tests.factories import make_assignment
    from pollinate.people.models import Role
    from pollinate.people.tests.factories import make_person

    set_free(net.teachers[0], (0, 8))
    client = client_for(net.coach)
    client.post("/scheduling/", {"week_of": "2026-11-09", "coach": net.coach.pk, "time_limit": 5})
    small = _week_queries(client, net.coach.pk)
    for i in range(12):
        teacher = make_person(net.district, Role.TEACHER, school=net.school_a, username=f"extra{i}")
        make_assignment(net.coach, teacher, started_on=MONDAY.replace(month=9))
        set_free(teacher, (i % 5, 1 + i // 5))
    client.post("/scheduling/", {"week_of": "2026-11-09", "coach": net.coach.pk, "time_limit": 5})
    assert ScheduledCheckIn.objects.count() == 13

    assert (small, _week_queries(client, net.coach.pk)) == (12, 12)


def test_a_school_leader_keeps_their_bell_schedule(net, client_for):
    from pollinate.people.models import Role
    from pollinate.people.tests.factories import make_person
    from pollinate.scheduling.models import BellSchedule

    leader = make_person(net.district, Role.SCHOOL_LEADER, school=net.school_b, username="leaderb")
    client = client_for(leader)

    page = client.get("/scheduling/").content.decode()
    saved = client.post(
        f"/scheduling/schools/{net.school_b.pk}/bells/", {"days": 4, "periods": "8:00-8:40\n08:45-9:30"}
    )
    other = client.get(f"/scheduling/schools/{net.school_a.pk}/bells/")

    assert f"Bell schedule of {net.school_b.name}" in page and "Run the scheduler" not in page
    assert saved.status_code == 302
    schedule = BellSchedule.objects.get(school=net.school_b)
    assert (schedule.days, [(p.number, p.starts_at.isoformat()) for p in schedule.periods.all()]) == (
        4,
        [(1, "08:00:00"), (2, "08:45:00")],
    )
    assert other.status_code == 404


def test_a_district_admin_sets_the_default_travel_and_time_zone(net, client_for):
    from pollinate.scheduling.models import SchedulingSettings

    admin = client_for(net.admin)
    admin.post("/scheduling/settings/", {"default_travel_minutes": 35, "timezone_name": "America/Chicago"})
    refused = admin.post(
        "/scheduling/settings/", {"default_travel_minutes": 5, "timezone_name": "Mars/Olympus"}, follow=True
    )
    coach = client_for(net.coach).post("/scheduling/settings/", {"default_travel_minutes": 1, "timezone_name": "UTC"})

    row = SchedulingSettings.objects.get(district=net.district)
    assert (row.default_travel_minutes, row.timezone) == (35, "America/Chicago")
    assert "“Mars/Olympus” is not a time zone name like America/Chicago." in refused.content.decode()
    assert coach.status_code == 404


def test_a_district_admin_pages_through_the_coaches_week_grids(net, client_for):
    from pollinate.people.models import Role
    from pollinate.people.tests.factories import make_person

    for i in range(10):
        make_person(
            net.district, Role.SITE_COACH, school=net.school_a, username=f"coach{i:02d}", family_name=f"Z{i:02d}"
        )
    client = client_for(net.admin)
    first = client.get("/scheduling/", {"week": "2026-11-09"}).content.decode()
    assert first.count('<section aria-labelledby="grid-') == 10
    assert "Page 1 of 2" in first
    second = client.get("/scheduling/", {"week": "2026-11-09", "page": 2}).content.decode()
    assert second.count('<section aria-labelledby="grid-') == 3
    assert "Page 2 of 2" in second
    one = client.get("/scheduling/", {"week": "2026-11-09", "coach": net.coach.pk}).content.decode()
    assert one.count('<section aria-labelledby="grid-') == 1 and "Page 1 of" not in one
