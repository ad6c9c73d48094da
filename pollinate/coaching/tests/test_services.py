from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from pollinate.coaching import services
from pollinate.coaching.models import CoachingCycle, CoachingSettings, Escalation, NextStep, ScheduledCheckIn
from pollinate.coaching.tests.factories import at, make_check_in, make_cycle, make_rule
from pollinate.core.errors import ApplicationError, Conflict, Forbidden
from pollinate.core.models import AuditEvent
from pollinate.goals.models import ActionStep, Goal
from pollinate.goals.tests.factories import make_goal
from pollinate.notifications.models import Notification
from pollinate.people.models import CoachingAssignment, RecordStatus, Role
from pollinate.people.tests.factories import make_person

Kind = CoachingAssignment.Kind
Status = ScheduledCheckIn.Status


class TestNetwork:
    def test_district_admin_assigns_a_coach_and_both_are_told(self, world):
        teacher = world.other_teacher
        link = services.assignment_create(
            actor=world.district_admin,
            coach=world.coach,
            coachee=teacher,
            kind=Kind.COACH_TO_TEACHER,
            school=world.school_a1,
        )
        assert (link.coach_id, link.coachee_id, link.status, link.school_id) == (
            world.coach.pk,
            teacher.pk,
            RecordStatus.ACTIVE,
            world.school_a1.pk,
        )
        assert set(Notification.objects.values_list("recipient_id", flat=True)) == {world.coach.pk, teacher.pk}
        assert AuditEvent.objects.filter(verb="coaching.assignment_create").count() == 1

    def test_school_leader_assigns_only_in_their_school(self, world):
        services.assignment_create(
            actor=world.leader_a1,
            coach=world.coach,
            coachee=world.other_teacher,
            kind=Kind.COACH_TO_TEACHER,
            school=world.school_a1,
        )
        before = CoachingAssignment.objects.count()
        for school in (world.school_a1, None):
            with pytest.raises(Forbidden):
                services.assignment_create(
                    actor=world.leader_a2,
                    coach=world.mentor,
                    coachee=world.other_student,
                    kind=Kind.MENTOR_TO_STUDENT,
                    school=school,
                )
        with pytest.raises(Forbidden):
            services.assignment_create(
                actor=world.coach, coach=world.coach, coachee=world.other_teacher, kind=Kind.LEAD_TO_SITE
            )
        assert CoachingAssignment.objects.count() == before

    def test_refuses_self_other_district_and_duplicates(self, world):
        admin = world.district_admin
        with pytest.raises(ApplicationError, match="cannot support themselves"):
            services.assignment_create(actor=admin, coach=world.coach, coachee=world.coach, kind=Kind.LEAD_TO_SITE)
        with pytest.raises(Forbidden):
            services.assignment_create(
                actor=admin, coach=world.coach, coachee=world.outsider_teacher, kind=Kind.COACH_TO_TEACHER
            )
        with pytest.raises(ApplicationError, match="same district"):
            services.assignment_create(
                actor=admin, coach=world.outsider_teacher, coachee=world.teacher, kind=Kind.COACH_TO_TEACHER
            )
        with pytest.raises(Conflict):
            services.assignment_create(
                actor=admin, coach=world.coach, coachee=world.teacher, kind=Kind.COACH_TO_TEACHER
            )
        assert CoachingAssignment.objects.count() == 3

    def test_ending_keeps_the_row_and_assigning_again_revives_it(self, world):
        link = CoachingAssignment.objects.get(coach=world.coach, coachee=world.teacher)
        with pytest.raises(Forbidden):
            services.assignment_end(actor=world.coach, assignment=link)
        services.assignment_end(actor=world.district_admin, assignment=link)
        link.refresh_from_db()
        assert link.status == RecordStatus.INACTIVE
        with pytest.raises(Conflict):
            services.assignment_end(actor=world.district_admin, assignment=link)
        again = services.assignment_create(
            actor=world.district_admin, coach=world.coach, coachee=world.teacher, kind=Kind.COACH_TO_TEACHER
        )
        assert (again.pk, again.status) == (link.pk, RecordStatus.ACTIVE)

    def test_a_person_can_coach_and_be_coached(self, world):
        services.assignment_create(
            actor=world.district_admin, coach=world.teacher, coachee=world.other_student, kind=Kind.MENTOR_TO_STUDENT
        )
        assert CoachingAssignment.objects.filter(coach=world.teacher, status="active").count() == 1
        assert CoachingAssignment.objects.filter(coachee=world.teacher, status="active").count() == 1


class TestSettingsAndCadence:
    def test_only_district_admins_change_the_target(self, world):
        district = world.teacher.district
        with pytest.raises(Forbidden):
            services.coaching_settings_update(
                actor=world.leader_a1, district=district, target_caseload=30, escalation_grace_days=2
            )
        assert not CoachingSettings.objects.exists()
        saved = services.coaching_settings_update(
            actor=world.district_admin, district=district, target_caseload=30, escalation_grace_days=2
        )
        assert (saved.target_caseload, saved.escalation_grace_days) == (30, 2)
        with pytest.raises(ApplicationError):
            services.coaching_settings_update(
                actor=world.district_admin, district=district, target_caseload=0, escalation_grace_days=2
            )

    def test_cadence_rules_district_wide_or_for_a_led_school(self, world):
        district = world.teacher.district
        rule = services.cadence_rule_save(
            actor=world.district_admin, district=district, kind=Kind.COACH_TO_TEACHER, every_school_days=10
        )
        again = services.cadence_rule_save(
            actor=world.district_admin, district=district, kind=Kind.COACH_TO_TEACHER, every_school_days=8
        )
        assert (again.pk, again.every_school_days) == (rule.pk, 8)
        services.cadence_rule_save(
            actor=world.leader_a1,
            district=district,
            kind=Kind.COACH_TO_TEACHER,
            every_school_days=5,
            school=world.school_a1,
        )
        with pytest.raises(Forbidden):
            services.cadence_rule_save(
                actor=world.leader_a1, district=district, kind=Kind.MENTOR_TO_STUDENT, every_school_days=5
            )
        with pytest.raises(Forbidden):
            services.cadence_rule_save(
                actor=world.leader_a2,
                district=district,
                kind=Kind.COACH_TO_TEACHER,
                every_school_days=5,
                school=world.school_a1,
            )


class TestCycles:
    def test_coach_starts_a_cycle_around_the_teachers_professional_goal(self, world):
        goal = make_goal(
            world.teacher,
            guide=world.coach,
            status=Goal.Status.ACTIVE,
            kind=Goal.Kind.PROFESSIONAL,
            title="More student talk",
        )
        cycle = services.cycle_create(
            actor=world.coach,
            coachee=world.teacher,
            title="Students explain",
            goal=goal,
            baseline="3 of 25 explain their reasoning",
        )
        assert (cycle.coach_id, cycle.coachee_id, cycle.goal_id, cycle.stage, cycle.status) == (
            world.coach.pk,
            world.teacher.pk,
            goal.pk,
            "identify",
            "active",
        )
        assert Notification.objects.get(recipient=world.teacher).url == f"/coaching/cycles/{cycle.pk}/"

    def test_refuses_other_goals_and_people_not_coached(self, world):
        academic = make_goal(world.teacher, status=Goal.Status.ACTIVE, guide=world.coach)
        with pytest.raises(ApplicationError, match="professional goals"):
            services.cycle_create(actor=world.coach, coachee=world.teacher, title="x", goal=academic)
        for actor, coachee in (
            (world.coach, world.other_teacher),
            (world.leader_a1, world.teacher),
            (world.mentor, world.student),
        ):
            with pytest.raises(Forbidden):
                services.cycle_create(actor=actor, coachee=coachee, title="x")
        assert not CoachingCycle.objects.exists()

    def test_identify_learn_improve_then_complete(self, world, clock):
        cycle = make_cycle(world.coach, world.teacher)
        stages = []
        for _ in range(3):
            cycle = services.cycle_advance(actor=world.teacher if stages else world.coach, cycle=cycle)
            stages.append((cycle.stage, cycle.status))
        assert stages == [("learn", "active"), ("improve", "active"), ("improve", "completed")]
        assert cycle.ended_on == dt.date(2026, 11, 2)
        with pytest.raises(Conflict):
            services.cycle_advance(actor=world.coach, cycle=cycle)

    def test_notes_by_members_only_and_sharing_by_the_coachee_only(self, world):
        cycle = make_cycle(world.coach, world.teacher)
        services.cycle_update(actor=world.teacher, cycle=cycle, reflection="They argued with evidence")
        with pytest.raises(Forbidden):
            services.cycle_update(actor=world.lead_coach, cycle=cycle, reflection="overwritten")
        with pytest.raises(Forbidden):
            services.cycle_share(actor=world.coach, cycle=cycle, shared=True)
        services.cycle_share(actor=world.teacher, cycle=cycle, shared=True)
        cycle.refresh_from_db()
        assert (cycle.reflection, cycle.shared_with_coachs_coach) == ("They argued with evidence", True)


class TestCheckIns:
    def test_supporter_sets_a_check_in_and_the_attendee_is_told(self, world):
        starts = at(dt.date(2026, 12, 1), 13)
        check_in = services.check_in_create(
            actor=world.coach, attendee=world.teacher, starts_at=starts, minutes=25, agenda="Look at exit tickets"
        )
        assert (check_in.kind, check_in.school_id, check_in.status, check_in.source, check_in.ends_at) == (
            Kind.COACH_TO_TEACHER,
            world.school_a1.pk,
            Status.SCHEDULED,
            "manual",
            starts + dt.timedelta(minutes=25),
        )
        assert check_in.assignment.coachee_id == world.teacher.pk
        assert Notification.objects.get(recipient=world.teacher).url == f"/coaching/check-ins/{check_in.pk}/"

    def test_only_with_someone_they_support(self, world):
        starts = at(dt.date(2026, 12, 1), 13)
        for actor, attendee in (
            (world.coach, world.other_teacher),
            (world.teacher, world.coach),
            (world.district_admin, world.teacher),
        ):
            with pytest.raises(Forbidden):
                services.check_in_create(actor=actor, attendee=attendee, starts_at=starts)
        assert not ScheduledCheckIn.objects.exists()

    def test_held_only_once_started_and_only_by_the_host(self, world, clock):
        check_in = make_check_in(world.coach, world.teacher, dt.date(2026, 11, 2), hour=10)
        with pytest.raises(Conflict):
            services.check_in_mark(actor=world.coach, check_in=check_in, status=Status.HELD)
        clock.shift(dt.timedelta(hours=2))
        with pytest.raises(Forbidden):
            services.check_in_mark(actor=world.teacher, check_in=check_in, status=Status.HELD)
        services.check_in_mark(actor=world.coach, check_in=check_in, status=Status.HELD)
        check_in.refresh_from_db()
        assert (check_in.status, check_in.held_at) == (Status.HELD, at(dt.date(2026, 11, 2), 11))

    def test_notes_are_written_by_the_host_and_shared_only_by_the_attendee(self, world):
        check_in = make_check_in(world.coach, world.teacher, dt.date(2026, 11, 2))
        services.check_in_update(actor=world.coach, check_in=check_in, notes="Worried about period 3")
        with pytest.raises(Forbidden):
            services.check_in_update(actor=world.teacher, check_in=check_in, notes="changed")
        with pytest.raises(Forbidden):
            services.check_in_share_notes(actor=world.coach, check_in=check_in, shared=True)
        services.check_in_share_notes(actor=world.teacher, check_in=check_in, shared=True)
        check_in.refresh_from_db()
        assert (check_in.notes, check_in.notes_shared) == ("Worried about period 3", True)
        assert "Worried" not in str(list(AuditEvent.objects.values_list("data", flat=True)))

    def test_next_steps_become_action_steps_and_the_follow_up_marks_them(self, world):
        goal = make_goal(world.teacher, guide=world.coach, status=Goal.Status.ACTIVE, kind=Goal.Kind.PROFESSIONAL)
        first = make_check_in(world.coach, world.teacher, dt.date(2026, 11, 2), status=Status.HELD)
        one = services.next_step_add(actor=world.coach, check_in=first, goal=goal, title="Try think-pair-share")
        two = services.next_step_add(actor=world.coach, check_in=first, goal=goal, title="Film one lesson")
        assert list(ActionStep.objects.filter(goal=goal).values_list("title", flat=True)) == [
            "Try think-pair-share",
            "Film one lesson",
        ]
        services.check_in_follow_up(actor=world.teacher, check_in=first, done_step_ids=[one.action_step_id])
        done = dict(ActionStep.objects.values_list("pk", "done_at"))
        assert done[one.action_step_id] is not None and done[two.action_step_id] is None
        first.refresh_from_db()
        assert first.followed_up_at is not None

    def test_next_steps_only_on_the_attendees_goals(self, world):
        check_in = make_check_in(world.coach, world.teacher, dt.date(2026, 11, 2))
        elsewhere = make_goal(world.other_teacher, status=Goal.Status.ACTIVE)
        with pytest.raises(ApplicationError):
            services.next_step_add(actor=world.coach, check_in=check_in, goal=elsewhere, title="x")
        goal = make_goal(world.teacher, status=Goal.Status.ACTIVE)
        with pytest.raises(Forbidden):
            services.next_step_add(actor=world.teacher, check_in=check_in, goal=goal, title="x")
        assert not NextStep.objects.exists() and not ActionStep.objects.exists()

    def test_follow_up_refuses_steps_from_elsewhere(self, world):
        check_in = make_check_in(world.coach, world.teacher, dt.date(2026, 11, 2))
        goal = make_goal(world.teacher, status=Goal.Status.ACTIVE)
        stray = ActionStep.objects.create(goal=goal, title="not agreed here")
        with pytest.raises(ApplicationError):
            services.check_in_follow_up(actor=world.coach, check_in=check_in, done_step_ids=[stray.pk])
        stray.refresh_from_db()
        assert stray.done_at is None


class TestEscalation:
    """A site coach who never meets their teacher: 5-school-day cadence, grace 3, so escalated after 8."""

    @pytest.fixture
    def overdue(self, clock, world):
        make_rule(world.teacher.district, Kind.COACH_TO_TEACHER, every=5)
        return world

    def test_within_grace_nothing_is_escalated(self, overdue, clock):
        clock.move_to(dt.datetime(2026, 11, 12, 9, tzinfo=dt.UTC))  # due 9 Nov, 3 school days late
        assert services.escalate_overdue() == 0
        assert not Notification.objects.exists()

    def test_beyond_grace_the_coachs_coach_is_told_once(self, overdue, clock):
        clock.move_to(dt.datetime(2026, 11, 13, 9, tzinfo=dt.UTC))  # 4 school days late
        assert services.escalate_overdue() == 1
        note = Notification.objects.get()
        assert note.recipient_id == overdue.lead_coach.pk
        assert note.message == (
            f"Overdue: {overdue.coach.display_name} has not met {overdue.teacher.display_name} "
            "since it was due on 2026-11-09."
        )
        assert services.escalate_overdue() == 0
        call_command("escalate_checkins", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert Notification.objects.count() == 1
        assert Escalation.objects.get().due_on == dt.date(2026, 11, 9)

    def test_a_lead_coachs_items_go_to_the_district_admins(self, overdue, clock):
        make_rule(overdue.teacher.district, Kind.LEAD_TO_SITE, every=5)
        second_admin = make_person(overdue.teacher.district, Role.DISTRICT_ADMIN)
        clock.move_to(dt.datetime(2026, 11, 13, 9, tzinfo=dt.UTC))
        assert services.escalate_overdue() == 3
        assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
            [overdue.lead_coach.pk, overdue.district_admin.pk, second_admin.pk]
        )

    def test_meeting_resets_the_clock_and_a_new_miss_escalates_again(self, overdue, clock):
        clock.move_to(dt.datetime(2026, 11, 13, 9, tzinfo=dt.UTC))
        services.escalate_overdue()
        make_check_in(overdue.coach, overdue.teacher, dt.date(2026, 11, 13), hour=8, status=Status.HELD)
        assert services.escalate_overdue() == 0
        clock.move_to(dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC))  # due 20 Nov, 5 school days late
        assert services.escalate_overdue() == 1
        assert list(Escalation.objects.order_by("due_on").values_list("due_on", flat=True)) == [
            dt.date(2026, 11, 9),
            dt.date(2026, 11, 20),
        ]


def test_escalate_command_names_an_unknown_district(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nowhere"):
        call_command("escalate_checkins", "--district", "nowhere")


class TestCycleEvidence:
    def test_each_member_links_only_evidence_they_may_see_and_reads_only_that(self, world, client_for):
        from pollinate.coaching.queries import cycle_detail
        from pollinate.reflections.tests.helpers import make_evidence

        cycle = make_cycle(world.coach, world.teacher)
        students_work = make_evidence(world.student, title="Exit ticket 12")
        teachers_plan = make_evidence(world.teacher, title="Lesson plan")
        with pytest.raises(ApplicationError, match="not yours to link"):
            services.cycle_update(actor=world.coach, cycle=cycle, evidence_ids=[students_work.pk])
        assert list(cycle.evidence.all()) == []
        services.cycle_update(actor=world.teacher, cycle=cycle, evidence_ids=[students_work.pk, teachers_plan.pk])
        assert [e.title for e in cycle_detail(viewer=world.teacher, cycle_id=cycle.pk)["evidence"]] == [
            "Lesson plan",
            "Exit ticket 12",
        ]
        assert [e.title for e in cycle_detail(viewer=world.coach, cycle_id=cycle.pk)["evidence"]] == ["Lesson plan"]
