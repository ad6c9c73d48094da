"""Coaching in the demo district: cadences, a cycle and check-ins around the demo logins, some of them overdue.

``seed_coaching(district)`` is called by the demo app after the network (``people.CoachingAssignment``) and the
learning records exist. Dates are relative to today so the coverage view always has something due, something
overdue and someone never seen. Running it twice adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pollinate.coaching.cadence import calendar_for
from pollinate.coaching.models import CadenceRule, CoachingCycle, CoachingSettings, ScheduledCheckIn
from pollinate.goals.models import Goal
from pollinate.people.models import CoachingAssignment, District, Person, RecordStatus

Kind = CoachingAssignment.Kind
Status = ScheduledCheckIn.Status
ACTIVE = RecordStatus.ACTIVE


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _check_in(link: CoachingAssignment, day: dt.date, hour: int, status: str, **fields) -> ScheduledCheckIn:
    starts = _at(day, hour)
    return ScheduledCheckIn(
        district_id=link.district_id,
        assignment=link,
        kind=link.kind,
        host_id=link.coach_id,
        attendee_id=link.coachee_id,
        school_id=link.school_id,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=30),
        status=status,
        created_by_id=link.coach_id,
        held_at=starts if status == Status.HELD else None,
        **fields,
    )


@transaction.atomic
def seed_coaching(district: District) -> int:
    """Cadence rules, settings, a cycle and check-ins for the demo logins. Returns the number of rows written."""
    from pollinate.demo import generator as g

    if CadenceRule.objects.filter(district=district).exists():
        return 0
    written = 0
    CoachingSettings.objects.get_or_create(district=district)
    CadenceRule.objects.bulk_create(
        [
            CadenceRule(district=district, kind=Kind.LEAD_TO_SITE, every_school_days=10, requires_supporter=True),
            CadenceRule(district=district, kind=Kind.COACH_TO_TEACHER, every_school_days=10, requires_supporter=True),
            # Every student could have a mentor; the demo flags only missing coaches, not the many unmentored students.
            CadenceRule(district=district, kind=Kind.MENTOR_TO_STUDENT, every_school_days=5, requires_supporter=False),
        ]
    )
    written += 4

    people = {
        p.username: p for p in Person.objects.filter(district=district, username__in=list(g.DEMO_USERNAMES.values()))
    }
    site_coach = people.get(g.DEMO_USERNAMES[g.DEMO_SITE_COACH])
    lead_coach = people.get(g.DEMO_USERNAMES[g.DEMO_LEAD_COACH])
    mentor = people.get(g.DEMO_USERNAMES[g.DEMO_MENTOR])
    calendar = calendar_for(district.pk)
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())

    def school_days_ago(n: int) -> dt.date:
        day = today
        while n > 0:
            day -= dt.timedelta(days=1)
            n -= calendar.is_school_day(day)
        return day

    # Links are moved back to the start of term so "never seen" people are overdue, not brand new.
    term_start = _at(school_days_ago(40), 8)
    CoachingAssignment.objects.filter(district=district, status=ACTIVE).update(created_at=term_start)

    rows: list[ScheduledCheckIn] = []
    if site_coach is not None:
        caseload = list(
            CoachingAssignment.objects.filter(coach=site_coach, status=ACTIVE, kind=Kind.COACH_TO_TEACHER)
            .select_related("coachee")
            .order_by("id")
        )
        for i, link in enumerate(caseload):
            if i % 4 == 0:  # seen recently, next one booked this week
                rows.append(
                    _check_in(
                        link,
                        school_days_ago(3),
                        10,
                        Status.HELD,
                        agenda="Look at exit tickets together",
                        notes="Tried cold calling; mixed.",
                    )
                )
                rows.append(
                    _check_in(
                        link, monday + dt.timedelta(days=4), 9 + i % 6, Status.SCHEDULED, agenda="Follow up on the try"
                    )
                )
            elif i % 4 == 1:  # overdue well beyond the grace period: escalates to the lead coach
                rows.append(_check_in(link, school_days_ago(18), 11, Status.HELD))
            elif i % 4 == 2:  # due this week, a meeting missed
                rows.append(_check_in(link, school_days_ago(9), 13, Status.HELD))
                rows.append(_check_in(link, school_days_ago(2), 13, Status.MISSED))
            # i % 4 == 3: never seen
        if caseload:
            teacher = caseload[0].coachee
            goal = Goal.objects.filter(learner=teacher, kind=Goal.Kind.PROFESSIONAL).order_by("id").first()
            CoachingCycle.objects.create(
                district=district,
                coach=site_coach,
                coachee=teacher,
                goal=goal,
                title="Every student explains their reasoning in writing",
                stage=CoachingCycle.Stage.LEARN,
                approach=CoachingCycle.Approach.DIALOGICAL,
                baseline="In the exit tickets, 6 of 27 students gave a reason for their answer.",
                strategy="Sentence frames and a worked example, modelled in period 2.",
                started_on=school_days_ago(15),
            )
            written += 1
    if lead_coach is not None and site_coach is not None:
        link = CoachingAssignment.objects.filter(coach=lead_coach, coachee=site_coach, status=ACTIVE).first()
        if link is not None:
            rows.append(_check_in(link, school_days_ago(8), 15, Status.HELD, agenda="Caseload and coverage"))
            rows.append(
                _check_in(link, monday + dt.timedelta(days=3), 15, Status.SCHEDULED, agenda="Who is overdue, and why")
            )
    if mentor is not None:
        for i, link in enumerate(
            CoachingAssignment.objects.filter(coach=mentor, status=ACTIVE, kind=Kind.MENTOR_TO_STUDENT).order_by("id")
        ):
            if i % 3 == 0:
                rows.append(_check_in(link, school_days_ago(4), 12, Status.HELD, agenda="How is the week going?"))
                rows.append(_check_in(link, monday + dt.timedelta(days=2 + i % 3), 12, Status.SCHEDULED))
            elif i % 3 == 1:
                rows.append(_check_in(link, school_days_ago(12), 12, Status.HELD))
    ScheduledCheckIn.objects.bulk_create(rows)
    return written + len(rows)
