from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from pollinate.coaching.cadence import Due, SchoolCalendar, due_in_week, school_days_between
from pollinate.coaching.models import ClosureDay, ScheduledCheckIn
from pollinate.coaching.tests.factories import make_assignment, make_check_in, make_rule
from pollinate.people.models import CoachingAssignment, RecordStatus, Role
from pollinate.people.tests.factories import DistrictFactory, RoleAssignmentFactory, SchoolFactory, make_person

Kind = CoachingAssignment.Kind
Status = ScheduledCheckIn.Status
MON_2 = dt.date(2026, 11, 2)  # a Monday
MON_9 = dt.date(2026, 11, 9)
MON_16 = dt.date(2026, 11, 16)


class TestSchoolCalendar:
    def test_counts_weekdays_after_start_through_end(self):
        calendar = SchoolCalendar()
        assert calendar.days_between(MON_2, MON_9) == 5
        assert calendar.days_between(dt.date(2026, 11, 6), MON_9) == 1  # Friday → Monday
        assert calendar.days_between(dt.date(2026, 11, 7), dt.date(2026, 11, 8)) == 0  # a weekend
        assert calendar.days_between(MON_2, MON_2) == 0
        assert calendar.days_between(MON_9, MON_2) == -5
        assert calendar.days_between(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 260

    def test_closures_are_not_school_days(self):
        calendar = SchoolCalendar([dt.date(2026, 11, 11), dt.date(2026, 11, 14)])  # a Wednesday, a Saturday
        assert calendar.days_between(MON_9, MON_16) == 4
        assert calendar.add(MON_9, 2) == dt.date(2026, 11, 12)
        assert calendar.is_school_day(dt.date(2026, 11, 11)) is False

    def test_add_skips_weekends(self):
        calendar = SchoolCalendar()
        assert calendar.add(dt.date(2026, 11, 6), 1) == MON_9
        assert calendar.add(MON_2, 10) == MON_16
        assert calendar.add(dt.date(2026, 11, 7), 1) == MON_9  # from a Saturday
        assert calendar.add(MON_2, 0) == MON_2


@pytest.mark.django_db
def test_school_days_between_uses_the_districts_closures():
    district = DistrictFactory()
    other = DistrictFactory()
    ClosureDay.objects.create(district=district, date=dt.date(2026, 11, 26), name="Thanksgiving")
    ClosureDay.objects.create(district=district, date=dt.date(2026, 11, 27), name="Thanksgiving")
    assert school_days_between(dt.date(2026, 11, 20), dt.date(2026, 11, 27), district_id=district.pk) == 3
    assert school_days_between(dt.date(2026, 11, 20), dt.date(2026, 11, 27), district_id=other.pk) == 5


@pytest.fixture
def net(db):
    district = DistrictFactory()
    school = SchoolFactory(district=district)
    coach = make_person(district, Role.SITE_COACH, school=school)
    teacher = make_person(district, Role.TEACHER, school=school)
    return district, school, coach, teacher


class TestDueInWeek:
    @pytest.fixture(autouse=True)
    def friday_afternoon(self):
        with time_machine.travel(dt.datetime(2026, 11, 6, 15, tzinfo=dt.UTC), tick=False):
            yield

    def test_due_ten_school_days_after_last_held_check_in(self, net):
        district, school, coach, teacher = net
        link = make_assignment(coach, teacher, started_on=dt.date(2026, 9, 1))
        make_rule(district, every=10)
        make_check_in(coach, teacher, dt.date(2026, 10, 20), status=Status.HELD)
        make_check_in(coach, teacher, MON_2, status=Status.HELD)
        make_check_in(coach, teacher, dt.date(2026, 11, 4), status=Status.MISSED)  # missed is not seen

        assert due_in_week(district_id=district.pk, week_of=MON_9) == []
        assert due_in_week(district_id=district.pk, week_of=MON_16) == [
            Due(
                assignment_id=link.pk,
                host_id=coach.pk,
                attendee_id=teacher.pk,
                kind=Kind.COACH_TO_TEACHER,
                school_id=school.pk,
                due_on=MON_16,
                last_seen_on=MON_2,
            )
        ]

    def test_never_seen_is_due_counting_from_the_assignment(self, net):
        district, _school, coach, teacher = net
        make_assignment(coach, teacher, started_on=dt.date(2026, 10, 29))
        make_rule(district, every=5)
        [due] = due_in_week(district_id=district.pk, week_of=MON_2)
        assert (due.due_on, due.last_seen_on) == (dt.date(2026, 11, 5), None)

    def test_overdue_people_stay_due_in_later_weeks(self, net):
        district, _school, coach, teacher = net
        make_assignment(coach, teacher, started_on=dt.date(2026, 9, 1))
        make_rule(district, every=10)
        [due] = due_in_week(district_id=district.pk, week_of=MON_9)
        assert due.due_on == dt.date(2026, 9, 15)

    @pytest.mark.parametrize(
        ("status", "locked", "covered"),
        [
            (Status.SCHEDULED, False, True),
            (Status.PROPOSED, True, True),
            (Status.PROPOSED, False, False),
            (Status.CANCELLED, False, False),
            (Status.MISSED, False, False),
        ],
    )
    def test_a_booked_check_in_in_the_week_covers_it(self, net, status, locked, covered):
        district, _school, coach, teacher = net
        make_assignment(coach, teacher, started_on=dt.date(2026, 9, 1))
        make_rule(district, every=10)
        make_check_in(coach, teacher, dt.date(2026, 11, 11), status=status, locked=locked)
        due = due_in_week(district_id=district.pk, week_of=MON_9)
        assert [d.attendee_id for d in due] == ([] if covered else [teacher.pk])

    def test_a_booking_after_the_week_or_in_the_past_does_not_cover(self, net):
        district, _school, coach, teacher = net
        make_assignment(coach, teacher, started_on=dt.date(2026, 9, 1))
        make_rule(district, every=10)
        make_check_in(coach, teacher, dt.date(2026, 11, 16))  # next week
        make_check_in(coach, teacher, dt.date(2026, 11, 3))  # before today, never marked held
        assert [d.attendee_id for d in due_in_week(district_id=district.pk, week_of=MON_9)] == [teacher.pk]
        # ...but this week's booking later today still counts for this week.
        make_check_in(coach, teacher, dt.date(2026, 11, 6), hour=16)
        assert due_in_week(district_id=district.pk, week_of=MON_2) == []

    def test_a_check_in_with_someone_else_does_not_count(self, net):
        district, school, coach, teacher = net
        other_coach = make_person(district, Role.SITE_COACH, school=school)
        make_assignment(coach, teacher, started_on=dt.date(2026, 9, 1))
        make_rule(district, every=10)
        make_check_in(other_coach, teacher, MON_2, status=Status.HELD)
        make_check_in(other_coach, teacher, dt.date(2026, 11, 10))
        [due] = due_in_week(district_id=district.pk, week_of=MON_9)
        assert due.last_seen_on is None

    def test_a_schools_own_rule_wins_over_the_districts(self, net):
        district, school, coach, teacher = net
        other_school = SchoolFactory(district=district)
        other_teacher = make_person(district, Role.TEACHER, school=other_school)
        make_assignment(coach, teacher, started_on=MON_2)
        make_assignment(coach, other_teacher, started_on=MON_2)
        make_rule(district, every=20)
        make_rule(district, every=5, school=school)
        due = due_in_week(district_id=district.pk, week_of=MON_9)
        assert [(d.attendee_id, d.due_on) for d in due] == [(teacher.pk, MON_9)]

    def test_the_assignments_school_wins_over_the_persons(self, net):
        district, _school, coach, teacher = net
        other_school = SchoolFactory(district=district)
        link = make_assignment(coach, teacher, started_on=MON_2, school=other_school)
        make_rule(district, every=5, school=other_school)
        [due] = due_in_week(district_id=district.pk, week_of=MON_9)
        assert (due.assignment_id, due.school_id) == (link.pk, other_school.pk)

    def test_the_attendees_role_for_the_kind_gives_their_school(self, net):
        district, school, _coach, _teacher = net
        other_school = SchoolFactory(district=district)
        mentor = make_person(district, Role.MENTOR, school=school)
        student = make_person(district, Role.GUARDIAN)  # a guardian role first, with no school
        RoleAssignmentFactory(person=student, role=Role.STUDENT, school=other_school)
        make_assignment(mentor, student, Kind.MENTOR_TO_STUDENT, started_on=MON_2)
        make_rule(district, Kind.MENTOR_TO_STUDENT, every=5)
        [due] = due_in_week(district_id=district.pk, week_of=MON_9)
        assert (due.school_id, due.kind, due.due_on) == (other_school.pk, Kind.MENTOR_TO_STUDENT, MON_9)

    def test_only_active_assignments_with_a_rule_in_the_district_are_due(self, net):
        district, school, coach, _teacher = net
        make_rule(district, every=5)
        ended = make_person(district, Role.TEACHER, school=school)
        make_assignment(coach, ended, started_on=MON_2, status=RecordStatus.INACTIVE)
        left = make_person(district, Role.TEACHER, school=school, status=RecordStatus.INACTIVE)
        make_assignment(coach, left, started_on=MON_2)
        lead = make_person(district, Role.LEAD_COACH)
        make_assignment(lead, coach, Kind.LEAD_TO_SITE, started_on=MON_2)  # no rule for this kind
        elsewhere = DistrictFactory()
        make_rule(elsewhere, every=5)
        make_assignment(make_person(elsewhere, Role.SITE_COACH), make_person(elsewhere, Role.TEACHER), started_on=MON_2)
        assert due_in_week(district_id=district.pk, week_of=MON_9) == []

    def test_host_ids_narrow_to_those_supporters(self, net):
        district, school, coach, teacher = net
        other_coach = make_person(district, Role.SITE_COACH, school=school)
        other_teacher = make_person(district, Role.TEACHER, school=school)
        make_assignment(coach, teacher, started_on=MON_2)
        make_assignment(other_coach, other_teacher, started_on=MON_2)
        make_rule(district, every=5)
        assert [d.attendee_id for d in due_in_week(district_id=district.pk, week_of=MON_9, host_ids=[coach.pk])] == [
            teacher.pk
        ]
        assert len(due_in_week(district_id=district.pk, week_of=MON_9)) == 2

    def test_week_of_any_day_means_that_week(self, net):
        district, _school, coach, teacher = net
        make_assignment(coach, teacher, started_on=MON_2)
        make_rule(district, every=9)  # due Friday 13 November
        assert len(due_in_week(district_id=district.pk, week_of=dt.date(2026, 11, 12))) == 1

    def test_query_count_does_not_grow_with_the_caseload(self, net, django_assert_num_queries):
        district, school, coach, teacher = net
        make_rule(district, every=5)
        teachers = [make_person(district, Role.TEACHER) for _ in range(3)]
        for person in teachers:
            make_assignment(coach, person, started_on=MON_2)
            make_check_in(coach, person, MON_2, status=Status.HELD)
        make_assignment(coach, teacher, started_on=MON_2, school=school)
        with django_assert_num_queries(6):
            small = due_in_week(district_id=district.pk, week_of=MON_9)
        for _ in range(20):
            person = make_person(district, Role.TEACHER, school=school)
            make_assignment(coach, person, started_on=MON_2)
            make_check_in(coach, person, dt.date(2026, 10, 1), status=Status.HELD)
        with django_assert_num_queries(6):
            large = due_in_week(district_id=district.pk, week_of=MON_9)
        assert (len(small), len(large)) == (4, 24)


def test_adding_school_days_matches_counting_them_one_by_one():
    closures = [
        dt.date(2026, 11, 11),
        dt.date(2026, 11, 12),
        dt.date(2026, 11, 26),
        dt.date(2026, 11, 27),
        dt.date(2026, 12, 21),
        dt.date(2026, 12, 22),
        dt.date(2026, 12, 23),
    ]
    for calendar in (SchoolCalendar(), SchoolCalendar(closures)):
        for offset in range(21):
            start = dt.date(2026, 11, 1) + dt.timedelta(days=offset)
            for n in range(30):
                day, left = start, n
                while left:
                    day += dt.timedelta(days=1)
                    left -= calendar.is_school_day(day)
                assert calendar.add(start, n) == day, (start, n)
                assert calendar.days_between(start, day) == n
