from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.hashers import make_password

from pollinate.coaching.coverage import DUE, NO_SUPPORTER, ON_TRACK, OVERDUE, coverage_report
from pollinate.coaching.models import ScheduledCheckIn
from pollinate.coaching.queries import coaching_home_panel
from pollinate.coaching.tests.factories import at, make_assignment, make_check_in, make_rule
from pollinate.core.models import AuditedStudent
from pollinate.people.models import CoachingAssignment, Person, Role, RoleAssignment
from pollinate.people.roles import forget_scope
from pollinate.people.tests.factories import DistrictFactory, SchoolFactory, make_person

Kind = CoachingAssignment.Kind
TODAY = dt.date(2026, 11, 13)  # a Friday


@pytest.fixture
def chain(clock, world):
    """Rules: teachers every 5 school days, site coaches every 10, students every 5; all start on 2 November."""
    district = world.teacher.district
    make_rule(district, Kind.COACH_TO_TEACHER, every=5)
    make_rule(district, Kind.LEAD_TO_SITE, every=10)
    make_rule(district, Kind.MENTOR_TO_STUDENT, every=5)
    return world


def _statuses(report):
    return {(r.host.id, r.attendee.id): r.status for r in report.rows}


class TestCoverage:
    def test_a_coach_sees_their_own_caseload(self, chain):
        report = coverage_report(viewer=chain.coach, today=TODAY)
        [row] = report.rows
        assert (row.status, row.attendee.id, row.due_on, row.never_seen, row.overdue_school_days) == (
            OVERDUE,
            chain.teacher.pk,
            dt.date(2026, 11, 9),
            True,
            4,
        )
        assert row.school.name == "Alder Elementary"
        assert report.escalated == [] and report.unsupported == []

    def test_the_lead_coach_sees_up_the_chain_and_what_is_escalated(self, chain):
        report = coverage_report(viewer=chain.lead_coach, today=TODAY)
        assert _statuses(report) == {
            (chain.coach.pk, chain.teacher.pk): OVERDUE,  # due 9 Nov
            (chain.lead_coach.pk, chain.coach.pk): ON_TRACK,  # due 16 Nov, next week
        }
        assert [(r.host.id, r.attendee.id) for r in report.escalated] == [(chain.coach.pk, chain.teacher.pk)]
        assert [g.label for g in report.by_coach] == [chain.coach.display_name, chain.lead_coach.display_name]
        # The mentor's student is not the lead coach's business.
        assert chain.student.pk not in {r.attendee.id for r in report.rows}

    def test_due_this_week_and_booked_and_seen(self, chain):
        make_check_in(chain.coach, chain.teacher, dt.date(2026, 11, 10), status=ScheduledCheckIn.Status.HELD)
        make_check_in(chain.coach, chain.teacher, dt.date(2026, 11, 16))
        [row] = coverage_report(viewer=chain.coach, today=dt.date(2026, 11, 16)).rows
        assert (row.status, row.last_seen_on, row.due_on, row.next_on, row.never_seen) == (
            DUE,
            dt.date(2026, 11, 10),
            dt.date(2026, 11, 17),
            dt.date(2026, 11, 16),
            False,
        )

    def test_school_leaders_see_their_school_and_who_has_no_supporter(self, chain):
        report = coverage_report(viewer=chain.leader_a1, today=TODAY)
        assert {r.attendee.id for r in report.rows} == {chain.teacher.pk, chain.coach.pk, chain.student.pk}
        assert {(r.attendee.id, r.kind) for r in report.unsupported} == {
            (chain.other_teacher.pk, Kind.COACH_TO_TEACHER),
            (chain.other_student.pk, Kind.MENTOR_TO_STUDENT),
        }
        assert all(r.status == NO_SUPPORTER for r in report.unsupported)
        assert report.escalated == []
        # Reading students' coverage is reading their record.
        assert set(AuditedStudent.objects.values_list("student_id", flat=True)) == {
            chain.student.pk,
            chain.other_student.pk,
        }
        assert coverage_report(viewer=chain.leader_a2, today=TODAY).rows == []

    def test_district_admins_get_what_nobody_above_can_take(self, chain):
        report = coverage_report(viewer=chain.district_admin, today=TODAY)
        assert len(report.rows) == 3
        # The mentor (a teacher with no coach of their own in this world) is overdue by 4 > 3: the admins' item.
        assert [(r.host.id, r.attendee.id) for r in report.escalated] == [(chain.mentor.pk, chain.student.pk)]
        assert report.totals[NO_SUPPORTER] == 2

    def test_requires_supporter_off_means_no_flag(self, chain):
        from pollinate.coaching.models import CadenceRule

        CadenceRule.objects.update(requires_supporter=False)
        assert coverage_report(viewer=chain.district_admin, today=TODAY).unsupported == []

    def test_outsiders_and_people_without_a_role_see_nothing(self, chain):
        for person in (chain.outsider_admin, chain.guardian, chain.other_teacher):
            report = coverage_report(viewer=person, today=TODAY)
            assert (report.rows, report.unsupported, report.escalated) == ([], [], [])


class TestHomePanel:
    def test_counts_for_a_coach(self, chain, clock):
        clock.move_to(dt.datetime(2026, 11, 13, 8, tzinfo=dt.UTC))
        make_check_in(chain.coach, chain.teacher, TODAY, hour=14)
        panel = coaching_home_panel(chain.coach)
        assert (panel.this_week, panel.overdue, panel.active_cycles, panel.show) == (1, 1, 0, True)
        assert panel.next_check_in.starts_at == at(TODAY, 14)

    def test_fixed_queries(self, chain, django_assert_num_queries):
        coaching_home_panel(chain.coach)
        forget_scope(chain.coach)
        for i in range(5):
            extra = make_person(chain.teacher.district, Role.TEACHER, school=chain.school_a1, username=f"x{i}")
            make_assignment(chain.coach, extra)
        with django_assert_num_queries(_panel_queries(chain.coach)):
            coaching_home_panel(chain.coach)


def _panel_queries(person) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    forget_scope(person)
    with CaptureQueriesContext(connection) as ctx:
        coaching_home_panel(person)
    forget_scope(person)
    return len(ctx.captured_queries)


def build_network(district, *, site_coaches: int, teachers_each: int, start: dt.date):
    """A lead coach, their site coaches and each one's teachers, written in bulk (no password hashing)."""
    schools = [SchoolFactory(district=district) for _ in range(3)]
    password = make_password(None)
    lead = make_person(district, Role.LEAD_COACH)
    n = Person.objects.count()
    coaches = Person.objects.bulk_create(
        [
            Person(
                district=district, username=f"sc{n}-{i}", given_name="Site", family_name=f"Coach{i}", password=password
            )
            for i in range(site_coaches)
        ]
    )
    teachers = Person.objects.bulk_create(
        [
            Person(
                district=district, username=f"t{n}-{i}", given_name="Teacher", family_name=f"T{i}", password=password
            )
            for i in range(site_coaches * teachers_each)
        ]
    )
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(person=c, district=district, role=Role.SITE_COACH, school=schools[0]) for c in coaches]
        + [
            RoleAssignment(person=t, district=district, role=Role.TEACHER, school=schools[i % 3])
            for i, t in enumerate(teachers)
        ]
    )
    started = at(start, 8)
    links = [
        CoachingAssignment(district=district, coach=lead, coachee=c, kind=Kind.LEAD_TO_SITE, created_at=started)
        for c in coaches
    ]
    links += [
        CoachingAssignment(
            district=district,
            coach=coaches[i // teachers_each],
            coachee=t,
            kind=Kind.COACH_TO_TEACHER,
            created_at=started,
        )
        for i, t in enumerate(teachers)
    ]
    CoachingAssignment.objects.bulk_create(links)
    held = at(start + dt.timedelta(days=2), 10)
    ScheduledCheckIn.objects.bulk_create(
        [
            ScheduledCheckIn(
                district=district,
                host=coaches[i // teachers_each],
                attendee=t,
                kind=Kind.COACH_TO_TEACHER,
                starts_at=held,
                ends_at=held + dt.timedelta(minutes=30),
                status=ScheduledCheckIn.Status.HELD,
            )
            for i, t in enumerate(teachers[::2])
        ]
    )
    return lead


@pytest.mark.django_db
def test_lead_coach_coverage_queries_do_not_grow_with_the_network(django_assert_num_queries):
    district = DistrictFactory()
    make_rule(district, Kind.COACH_TO_TEACHER, every=5)
    make_rule(district, Kind.LEAD_TO_SITE, every=10)
    small = build_network(district, site_coaches=2, teachers_each=3, start=dt.date(2026, 11, 2))
    big_district = DistrictFactory()
    make_rule(big_district, Kind.COACH_TO_TEACHER, every=5)
    make_rule(big_district, Kind.LEAD_TO_SITE, every=10)
    big = build_network(big_district, site_coaches=10, teachers_each=45, start=dt.date(2026, 11, 2))
    with django_assert_num_queries(13):
        small_report = coverage_report(viewer=small, today=TODAY)
    with django_assert_num_queries(13):
        big_report = coverage_report(viewer=big, today=TODAY)
    assert (len(small_report.rows), len(big_report.rows)) == (2 + 6, 10 + 450)
    assert len(big_report.by_coach) == 11
    assert big_report.totals[OVERDUE] == 450
