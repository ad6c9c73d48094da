from __future__ import annotations

import datetime as dt

from pollinate.coaching.models import CadenceRule, CoachingCycle, ScheduledCheckIn
from pollinate.coaching.tests.factories import at, make_check_in, make_cycle, make_rule
from pollinate.goals.models import ActionStep, Goal
from pollinate.goals.tests.factories import make_goal
from pollinate.people.models import CoachingAssignment

Kind = CoachingAssignment.Kind
FUTURE = dt.date(2027, 3, 2)


def test_my_check_ins_lists_upcoming_and_past_for_host_and_attendee(world, client_for):
    upcoming = make_check_in(world.coach, world.teacher, FUTURE, agenda="Exit tickets")
    past = make_check_in(world.lead_coach, world.coach, dt.date(2026, 1, 5), status=ScheduledCheckIn.Status.HELD)
    page = client_for(world.coach).get("/coaching/check-ins/")
    assert page.status_code == 200
    body = page.content.decode()
    assert f"/coaching/check-ins/{upcoming.pk}/" in body and f"/coaching/check-ins/{past.pk}/" in body
    assert body.index("Upcoming") < body.index(world.teacher.display_name) < body.index("Past")
    teacher_page = client_for(world.teacher).get("/coaching/check-ins/").content.decode()
    assert f"/coaching/check-ins/{upcoming.pk}/" in teacher_page
    assert f"/coaching/check-ins/{past.pk}/" not in teacher_page


def test_coach_sets_a_check_in_from_the_form(world, client_for):
    client = client_for(world.coach)
    response = client.post(
        "/coaching/check-ins/new/",
        {"attendee": world.teacher.pk, "starts_at": "2027-03-02T13:00", "minutes": 30, "agenda": "Plan the try"},
    )
    check_in = ScheduledCheckIn.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/coaching/check-ins/{check_in.pk}/"
    assert (check_in.host_id, check_in.attendee_id, check_in.agenda) == (
        world.coach.pk,
        world.teacher.pk,
        "Plan the try",
    )


def test_check_in_page_notes_next_steps_and_follow_up(world, client_for):
    goal = make_goal(
        world.teacher, guide=world.coach, status=Goal.Status.ACTIVE, kind=Goal.Kind.PROFESSIONAL, title="Student talk"
    )
    first = make_check_in(world.coach, world.teacher, dt.date(2026, 1, 5), status=ScheduledCheckIn.Status.HELD)
    second = make_check_in(world.coach, world.teacher, FUTURE)
    client = client_for(world.coach)
    client.post(f"/coaching/check-ins/{first.pk}/", {"agenda": "", "notes": "Went well"})
    client.post(f"/coaching/check-ins/{first.pk}/next-steps/", {"goal": goal.pk, "title": "Try turn and talk"})
    step = ActionStep.objects.get(goal=goal)
    assert step.title == "Try turn and talk"
    page = client_for(world.teacher).get(f"/coaching/check-ins/{second.pk}/").content.decode()
    assert "Did the agreed steps happen?" in page and "Try turn and talk" in page
    client_for(world.teacher).post(f"/coaching/check-ins/{second.pk}/follow-up/", {"done": [step.pk]})
    step.refresh_from_db()
    first.refresh_from_db()
    assert step.done_at is not None and first.followed_up_at is not None and first.notes == "Went well"


def test_notes_hidden_from_the_lead_coach_until_the_attendee_shares(world, client_for):
    check_in = make_check_in(
        world.coach, world.teacher, dt.date(2026, 1, 5), notes="Private worry", agenda="Secret agenda"
    )
    lead = client_for(world.lead_coach)
    page = lead.get(f"/coaching/check-ins/{check_in.pk}/").content.decode()
    assert "Private worry" not in page and "Secret agenda" not in page and "Private to the two people" in page
    client_for(world.teacher).post(f"/coaching/check-ins/{check_in.pk}/share/", {"shared": "on"})
    page = client_for(world.lead_coach).get(f"/coaching/check-ins/{check_in.pk}/").content.decode()
    assert "Private worry" in page and "Secret agenda" not in page


def test_mark_held_from_the_page(world, client_for):
    check_in = make_check_in(world.coach, world.teacher, dt.date(2026, 1, 5))
    client_for(world.coach).post(f"/coaching/check-ins/{check_in.pk}/mark/", {"status": "held"})
    check_in.refresh_from_db()
    assert check_in.status == "held"


def test_caseload_and_network_pages(world, client_for):
    make_rule(world.teacher.district, every=10)
    caseload = client_for(world.coach).get("/coaching/").content.decode()
    assert world.teacher.display_name in caseload and world.lead_coach.display_name in caseload
    network = client_for(world.lead_coach).get("/coaching/network/").content.decode()
    assert world.coach.display_name in network and world.teacher.display_name in network
    assert "Assign a supporter" not in network


def test_leader_assigns_and_ends_from_the_network_page(world, client_for):
    client = client_for(world.district_admin)
    assert "Assign a supporter" in client.get("/coaching/network/").content.decode()
    client.post(
        "/coaching/network/assign/",
        {
            "coach": world.coach.pk,
            "coachee": world.other_teacher.pk,
            "kind": Kind.COACH_TO_TEACHER,
            "school": world.school_a1.pk,
        },
    )
    link = CoachingAssignment.objects.get(coachee=world.other_teacher)
    client.post(f"/coaching/network/{link.pk}/end/")
    link.refresh_from_db()
    assert link.status == "inactive"


def test_caseload_sizes_flag_against_the_target(world, client_for):
    client = client_for(world.district_admin)
    client.post(f"/coaching/settings/{world.teacher.district_id}/", {"target_caseload": 1, "escalation_grace_days": 3})
    page = client.get("/coaching/caseloads/").content.decode()
    assert "against the target of 1" in page and "On target" in page
    client.post(f"/coaching/settings/{world.teacher.district_id}/", {"target_caseload": 5, "escalation_grace_days": 3})
    assert "Room for more" in client.get("/coaching/caseloads/").content.decode()
    assert client_for(world.coach).get("/coaching/caseloads/").status_code == 403


def test_cadence_page_saves_a_rule(world, client_for):
    client = client_for(world.district_admin)
    client.post(
        "/coaching/cadence/",
        {"kind": Kind.MENTOR_TO_STUDENT, "every_school_days": 5, "requires_supporter": "on", "school": ""},
    )
    rule = CadenceRule.objects.get()
    assert (rule.kind, rule.every_school_days, rule.school_id, rule.requires_supporter) == (
        Kind.MENTOR_TO_STUDENT,
        5,
        None,
        True,
    )
    assert (
        client_for(world.teacher)
        .post("/coaching/cadence/", {"kind": Kind.MENTOR_TO_STUDENT, "every_school_days": 1})
        .status_code
        == 403
    )
    assert CadenceRule.objects.get().every_school_days == 5


def test_cycle_pages(world, client_for):
    make_goal(world.teacher, guide=world.coach, status=Goal.Status.ACTIVE, kind=Goal.Kind.PROFESSIONAL)
    client = client_for(world.coach)
    client.post(
        "/coaching/cycles/new/",
        {"coachee": world.teacher.pk, "title": "Questioning", "approach": "facilitative", "baseline": "Few hands"},
    )
    cycle = CoachingCycle.objects.get()
    assert (cycle.title, cycle.approach, cycle.baseline) == ("Questioning", "facilitative", "Few hands")
    client.post(f"/coaching/cycles/{cycle.pk}/advance/")
    cycle.refresh_from_db()
    assert cycle.stage == "learn"
    assert "Questioning" in client_for(world.teacher).get("/coaching/cycles/").content.decode()


def test_leaders_see_cycle_counts_never_content(world, client_for):
    make_cycle(world.coach, world.teacher, title="Confidential focus", reflection="very private")
    make_cycle(world.coach, world.teacher, title="Done one", status=CoachingCycle.Status.COMPLETED)
    for leader in (world.leader_a1, world.district_admin):
        page = client_for(leader).get("/coaching/cycles/").content.decode()
        assert "Confidential focus" not in page and "very private" not in page
        assert 'Alder Elementary</th><td class="num">1</td><td class="num">1</td>' in page


def test_coverage_page_groups_by_coach_and_school(world, client_for):
    make_rule(world.teacher.district, every=10)
    page = client_for(world.lead_coach).get("/coaching/coverage/")
    assert page.status_code == 200
    assert world.teacher.display_name in page.content.decode()
    by_school = client_for(world.lead_coach).get("/coaching/coverage/?by=school", HTTP_HX_REQUEST="true")
    assert 'id="coverage-groups"' in by_school.content.decode() and "<html" not in by_school.content.decode()


def test_check_in_time_is_shown(world, client_for):
    check_in = make_check_in(world.coach, world.teacher, FUTURE, hour=14)
    assert check_in.starts_at == at(FUTURE, 14)
    assert client_for(world.teacher).get(f"/coaching/check-ins/{check_in.pk}/").status_code == 200


def test_a_mentor_reading_their_mentees_is_audited(world, client_for):
    from pollinate.core.models import AuditedStudent

    make_check_in(world.mentor, world.student, FUTURE, kind=Kind.MENTOR_TO_STUDENT)
    client = client_for(world.mentor)
    client.get("/coaching/")
    client.get("/coaching/check-ins/")
    assert list(AuditedStudent.objects.values_list("student_id", "event__verb").order_by("event_id")) == [
        (world.student.pk, "coaching.caseload_view"),
        (world.student.pk, "coaching.check_in_list"),
    ]
    # The student reading their own check-ins is not logged.
    client_for(world.student).get("/coaching/check-ins/")
    assert AuditedStudent.objects.count() == 2


def test_district_admin_adds_and_removes_a_closure_day(world, client_for, clock):
    from pollinate.coaching.models import ClosureDay

    client = client_for(world.district_admin)
    client.post("/coaching/closures/", {"date": "2026-11-26", "name": "Thanksgiving"})
    day = ClosureDay.objects.get()
    assert (day.date, day.name, day.district_id) == (dt.date(2026, 11, 26), "Thanksgiving", world.teacher.district_id)
    assert "Thanksgiving" in client.get("/coaching/cadence/").content.decode()
    client.post("/coaching/closures/", {"date": "2026-11-28"})  # a Saturday
    assert ClosureDay.objects.count() == 1
    assert client_for(world.leader_a1).post("/coaching/closures/", {"date": "2026-11-27"}).status_code == 403
    assert client_for(world.leader_a1).post(f"/coaching/closures/{day.pk}/remove/").status_code == 403
    assert ClosureDay.objects.count() == 1
    client_for(world.district_admin).post(f"/coaching/closures/{day.pk}/remove/")
    assert not ClosureDay.objects.exists()
