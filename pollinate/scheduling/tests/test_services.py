"""Scheduling a week from the database: what is written, what is kept, what is refused."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.db import OperationalError
from django.db.models import QuerySet

from pollinate.coaching.models import ScheduledCheckIn
from pollinate.coaching.tests.factories import make_check_in
from pollinate.core.errors import ApplicationError, Conflict, Forbidden
from pollinate.core.models import AuditEvent
from pollinate.scheduling import services
from pollinate.scheduling.defaults import reason_text
from pollinate.scheduling.models import BellSchedule, CoachProfile, FreePeriod, ScheduleRun, SchedulingSettings
from pollinate.scheduling.tests.factories import MONDAY, make_bell_schedule, set_free

Status = ScheduledCheckIn.Status


def proposals(coach):
    return {
        (c.attendee.username, c.weekday, c.period)
        for c in ScheduledCheckIn.objects.filter(host=coach).select_related("attendee")
    }


def test_a_coach_schedules_their_caseload_into_common_free_periods(net):
    t0, t1, t2, t3 = net.teachers
    set_free(t0, (0, 2))
    set_free(t1, (1, 3), (1, 4))
    set_free(t2, (1, 3))
    set_free(t3, (4, 1))

    run = services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)

    assert (run.status, run.placed, run.requested, run.unplaced) == (ScheduleRun.Status.DONE, 4, 4, [])
    assert proposals(net.coach) == {("teacher0", 0, 2), ("teacher1", 1, 4), ("teacher2", 1, 3), ("teacher3", 4, 1)}
    assert run.travel_minutes == 30  # one visit to Birch (15 minutes each way)
    assert (run.bound, run.gap) == (30.0, 0.0)
    row = ScheduledCheckIn.objects.get(attendee=t0)
    assert (row.status, row.source, row.locked, row.schedule_run_id) == (Status.PROPOSED, "scheduler", False, run.pk)
    assert row.school_id == net.school_a.pk
    # Period 2 at Aspen starts at 09:20 (8:30 + 50 minutes), Monday of that week.
    assert row.starts_at == dt.datetime(2026, 11, 9, 9, 20, tzinfo=dt.UTC)
    assert row.ends_at == dt.datetime(2026, 11, 9, 10, 5, tzinfo=dt.UTC)
    assert AuditEvent.objects.filter(verb="scheduling.week_scheduled").count() == 1
    assert ScheduledCheckIn.objects.filter(host=net.other_coach).count() == 0  # only the coach's own caseload


def test_times_follow_the_districts_time_zone(net):
    SchedulingSettings.objects.create(district=net.district, timezone="America/Chicago")
    set_free(net.teachers[0], (2, 1))

    services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)

    row = ScheduledCheckIn.objects.get(attendee=net.teachers[0])
    assert row.starts_at == dt.datetime(2026, 11, 11, 8, 30, tzinfo=zoneinfo.ZoneInfo("America/Chicago"))


def test_what_cannot_be_placed_is_listed_with_a_reason(net):
    t0, t1, t2, _t3 = net.teachers
    set_free(t0, (0, 1))
    set_free(t1, (0, 1))  # the same single slot: one of them cannot be seen
    # t2 and t3 entered no free periods

    run = services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)

    assert (run.placed, run.requested) == (1, 4)
    reasons = {r["attendee_id"]: r["reason"] for r in run.unplaced}
    placed = ScheduledCheckIn.objects.get(host=net.coach).attendee_id
    loser = ({t0.pk, t1.pk} - {placed}).pop()
    assert reasons == {
        loser: "slots_taken",
        t2.pk: "no_free_period",
        net.teachers[3].pk: "no_free_period",
    }
    assert reason_text("no_free_period") == "has no free period this week"


def test_a_coach_with_no_capacity_places_nothing_and_says_why(net):
    CoachProfile.objects.filter(coach=net.coach).update(max_per_day=0)
    for t in net.teachers:
        set_free(t, (0, 1))

    run = services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)

    assert run.placed == 0
    assert {r["reason"] for r in run.unplaced} == {"no_capacity"}
    assert ScheduledCheckIn.objects.count() == 0


def test_re_running_replaces_unlocked_proposals_and_keeps_locked_ones(net):
    t0, t1, *_ = net.teachers
    set_free(t0, (0, 1), (0, 2))
    set_free(t1, (0, 1), (0, 2))
    services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)
    kept = services.slot_lock(actor=net.coach, check_in=ScheduledCheckIn.objects.get(attendee=t0))
    replaced = ScheduledCheckIn.objects.get(attendee=t1)

    run = services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)

    again = ScheduledCheckIn.objects.get(attendee=t0)
    assert (again.pk, again.weekday, again.period, again.locked) == (kept.pk, kept.weekday, kept.period, True)
    new = ScheduledCheckIn.objects.get(attendee=t1)
    assert new.pk != replaced.pk and new.schedule_run_id == run.pk
    assert (new.weekday, new.period) == (0, 3 - kept.period)
    assert (run.placed, run.requested) == (1, 3)  # t0 is covered by the locked slot


def test_accepted_meetings_elsewhere_block_the_slot(net):
    t0 = net.teachers[0]
    set_free(t0, (0, 1), (0, 2))
    # Another coach already booked t0 on Monday in period 1 (08:30 at Aspen).
    make_check_in(net.other_coach, t0, MONDAY, hour=8, weekday=0, period=1, status=Status.SCHEDULED)

    services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)

    assert (ScheduledCheckIn.objects.get(host=net.coach, attendee=t0).period) == 2


def test_a_failure_while_saving_keeps_the_previous_schedule(net, monkeypatch):
    set_free(net.teachers[0], (0, 1))
    first = services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)
    before = list(ScheduledCheckIn.objects.values_list("pk", "attendee_id", "weekday", "period"))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ScheduledCheckIn.objects, "bulk_create", broken)
    run = services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)

    assert run.status == ScheduleRun.Status.FAILED
    assert run.message == "The scheduler stopped unexpectedly; the previous schedule is unchanged."
    assert list(ScheduledCheckIn.objects.values_list("pk", "attendee_id", "weekday", "period")) == before
    assert ScheduledCheckIn.objects.get().schedule_run_id == first.pk


def test_a_lead_coach_schedules_their_network_and_a_coach_only_their_own(net):
    set_free(net.teachers[0], (0, 1))
    set_free(net.other_teacher, (0, 1))

    with pytest.raises(Forbidden):
        services.schedule_week(actor=net.coach, week_of=MONDAY, coach=net.other_coach, time_limit=5)
    with pytest.raises(Forbidden):
        services.schedule_week(actor=net.teachers[0], week_of=MONDAY, time_limit=5)
    with pytest.raises(Forbidden):
        services.schedule_week(actor=net.coach, week_of=MONDAY, coach=net.lead, time_limit=5)
    assert ScheduleRun.objects.count() == ScheduledCheckIn.objects.count() == 0

    run = services.schedule_week(actor=net.lead, week_of=MONDAY, time_limit=5)

    assert (run.placed, run.requested) == (2, 5)
    assert set(ScheduledCheckIn.objects.values_list("host__username", "attendee__username")) == {
        ("coach", "teacher0"),
        ("othercoach", "teacher4"),
    }


def test_moving_a_slot_is_checked(net):
    t0, t1, *_ = net.teachers
    set_free(t0, (0, 1))
    set_free(t1, (0, 3))
    services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)
    set_free(t0, (0, 2), (3, 5))
    CoachProfile.objects.filter(coach=net.coach).update(busy=[[0, 2]])
    row = ScheduledCheckIn.objects.get(attendee=t0)

    with pytest.raises(ApplicationError, match="is not free then"):
        services.slot_move(actor=net.coach, check_in=row, weekday=1, period=1)
    with pytest.raises(ApplicationError, match="The coach is busy then"):
        services.slot_move(actor=net.coach, check_in=row, weekday=0, period=2)
    with pytest.raises(ApplicationError, match="There is no period 9"):
        services.slot_move(actor=net.coach, check_in=row, weekday=3, period=9)
    with pytest.raises(Forbidden):
        services.slot_move(actor=t0, check_in=row, weekday=3, period=5)
    row.refresh_from_db()
    assert (row.weekday, row.period) == (0, 1)

    services.slot_move(actor=net.coach, check_in=row, weekday=3, period=5)

    row.refresh_from_db()
    assert (row.weekday, row.period) == (3, 5)
    assert row.starts_at == dt.datetime(2026, 11, 12, 11, 50, tzinfo=dt.UTC)


def test_a_slot_cannot_move_onto_another_check_in(net):
    t0, t1, *_ = net.teachers
    set_free(t0, (0, 1), (0, 3))
    set_free(t1, (0, 3))
    services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)
    row = ScheduledCheckIn.objects.get(attendee=t0)

    with pytest.raises(ApplicationError, match="already has a check-in then"):
        services.slot_move(actor=net.coach, check_in=row, weekday=0, period=3)


def test_accepting_and_locking(net):
    set_free(net.teachers[0], (0, 1))
    services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)
    row = ScheduledCheckIn.objects.get()

    services.slot_accept(actor=net.lead, check_in=row)
    with pytest.raises(Conflict):
        services.slot_accept(actor=net.coach, check_in=row)
    services.slot_lock(actor=net.coach, check_in=row, locked=True)
    services.slot_lock(actor=net.coach, check_in=row, locked=False)

    row.refresh_from_db()
    assert (row.status, row.locked) == (Status.SCHEDULED, False)
    assert list(
        AuditEvent.objects.filter(verb__startswith="scheduling.slot").order_by("id").values_list("verb", flat=True)
    ) == [
        "scheduling.slot_accepted",
        "scheduling.slot_locked",
        "scheduling.slot_unlocked",
    ]


def test_free_periods_profiles_bell_schedules_and_travel(net):
    t0 = net.teachers[0]
    services.free_periods_set(actor=t0, person=t0, slots=[(0, 1), (4, 8)])
    assert set(FreePeriod.objects.filter(person=t0).values_list("weekday", "period")) == {(0, 1), (4, 8)}
    with pytest.raises(Forbidden):
        services.free_periods_set(actor=net.teachers[1], person=t0, slots=[])
    with pytest.raises(Forbidden):
        services.coach_profile_save(actor=t0, coach=net.coach, home_school=None, max_per_day=2)
    profile = services.coach_profile_save(
        actor=net.lead, coach=net.coach, home_school=net.school_b, max_per_day=2, busy=[(0, 1)]
    )
    assert (profile.home_school_id, profile.max_per_day, profile.busy) == (net.school_b.pk, 2, [[0, 1]])
    with pytest.raises(Forbidden):
        services.travel_time_set(actor=net.lead, school_a=net.school_a, school_b=net.school_b, minutes=5)
    row = services.travel_time_set(actor=net.admin, school_a=net.school_b, school_b=net.school_a, minutes=25)
    assert (row.school_a_id, row.school_b_id, row.minutes) == (net.school_a.pk, net.school_b.pk, 25)
    with pytest.raises(Forbidden):
        services.bell_schedule_save(actor=net.coach, school=net.school_a, periods=[(dt.time(9), dt.time(10))])
    with pytest.raises(ApplicationError, match="Period 1 must end after it starts"):
        services.bell_schedule_save(actor=net.admin, school=net.school_a, periods=[(dt.time(9), dt.time(8))])
    schedule = services.bell_schedule_save(
        actor=net.admin, school=net.school_a, periods=[(dt.time(9), dt.time(9, 40)), (dt.time(10), dt.time(10, 40))]
    )
    assert list(schedule.periods.values_list("number", "starts_at")) == [(1, dt.time(9)), (2, dt.time(10))]


def test_a_lead_coach_meets_site_coaches_when_they_are_not_busy_or_meeting_teachers(net):
    from pollinate.coaching.tests.factories import make_rule
    from pollinate.people.models import CoachingAssignment

    make_rule(net.district, CoachingAssignment.Kind.LEAD_TO_SITE, every=5)
    # The coach is busy all week except Monday periods 1 and 2, and already meets teacher0 in period 1.
    busy = [[d, p] for d in range(5) for p in range(1, 9) if (d, p) not in {(0, 1), (0, 2)}]
    CoachProfile.objects.filter(coach=net.coach).update(busy=busy)
    make_check_in(net.coach, net.teachers[0], MONDAY, hour=8, weekday=0, period=1, status=Status.SCHEDULED)

    run = services.schedule_week(actor=net.lead, week_of=MONDAY, coach=net.lead, time_limit=5)

    assert (run.placed, run.requested) == (2, 2)
    with_coach = ScheduledCheckIn.objects.get(host=net.lead, attendee=net.coach)
    assert (with_coach.weekday, with_coach.period, with_coach.kind) == (0, 2, "lead_to_site")
    # The other coach has no profile: free in every period, so the earliest-found free slot is fine.
    assert ScheduledCheckIn.objects.filter(host=net.lead, attendee=net.other_coach).count() == 1


def test_schools_whose_bells_differ_never_get_a_coach_in_two_places_at_once(net):
    # Birch rings 25 minutes after Aspen: its period 1 (8:55-9:40) overlaps Aspen's period 2 (9:20-10:05).
    BellSchedule.objects.filter(school=net.school_b).delete()
    make_bell_schedule(net.school_b, first=dt.time(8, 55))
    t0, _t1, _t2, t3 = net.teachers
    set_free(t0, (0, 2))  # Aspen, Monday period 2
    set_free(t3, (0, 1))  # Birch, Monday period 1

    run = services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)

    # teacher1 and teacher2 entered no free period; teacher0 and teacher3 cannot both have the coach.
    assert (run.placed, sorted(u["reason"] for u in run.unplaced)) == (1, ["no_free_period"] * 2 + ["slots_taken"])
    assert ScheduledCheckIn.objects.filter(host=net.coach, weekday=0).count() == 1


def test_back_to_back_meetings_at_two_schools_leave_time_for_the_drive(net):
    # Bells together: Birch's period 1 ends at 9:15, Aspen's period 2 starts at 9:20, and the drive is 15 minutes.
    t0, _t1, _t2, t3 = net.teachers
    set_free(t0, (0, 2))
    set_free(t3, (0, 1), (0, 4))  # Birch, Monday period 1, or period 4 (10:00 at the earliest after Aspen's 2)

    run = services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)

    assert run.placed == 3 - 1  # teacher1 and teacher2 have no free period
    assert proposals(net.coach) == {("teacher0", 0, 2), ("teacher3", 0, 4)}


def test_a_progress_write_that_finds_the_table_locked_does_not_stop_the_run(net, monkeypatch):
    original = QuerySet.update

    def locked_for_progress(self, **fields):
        # The progress bar alone: what SQLite refuses while a page is reading the run at that instant.
        if set(fields) == {"progress"}:
            raise OperationalError("database table is locked: scheduling_schedulerun")
        return original(self, **fields)

    monkeypatch.setattr(QuerySet, "update", locked_for_progress)
    set_free(net.teachers[0], (0, 2))

    run = services.schedule_week(actor=net.coach, week_of=MONDAY, time_limit=5)

    assert (run.status, run.placed) == (ScheduleRun.Status.DONE, 1)
