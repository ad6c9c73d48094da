"""Collegial teams in the demo district: three teams of the showcase school at each stage, with meetings.

``seed_teams(district)`` runs after the demo people and classes exist. Written through the teams services as
the teachers who would do it, then moved back in time so each team's story (started, moved on, met) reads
as weeks of work. Running it again adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pollinate.people.models import District, Enrollment, Person, RecordStatus
from pollinate.teams import services
from pollinate.teams.models import Stage, StageChange, Team

# (name, purpose, stages moved through with the reason for each move, weeks ago it started)
TEAMS = (
    (
        "Grade 7 humanities planning",
        "Plan the persuasive-writing unit together and agree what a strong argument looks like.",
        (),
        3,
    ),
    (
        "Writing workshop co-teachers",
        "Teach the writing workshop side by side in period 2 and compare notes on conferring.",
        ((Stage.CO_TEACH, "We planned two units together; time to teach them side by side."),),
        9,
    ),
    (
        "Community garden project",
        "A project across grades 6-8: students design, plant and report on the school garden.",
        (
            (Stage.CO_TEACH, "The science and English lessons now run as one."),
            (Stage.MULTI_AGE_PROJECT, "Grades 6 to 8 join one project, with older students leading crews."),
        ),
        16,
    ),
)
MEETINGS = (
    ("Looked at three student arguments together.", "Use the same claim-reason-evidence frame in all classes."),
    ("Shared what worked in conferring this week.", "Swap roles next week: one leads, one confers."),
    ("Crews reported on planting; the soil test is late.", "Older students run the soil test with grade 6."),
)

# Days ago each team met, by how far it has come: the newest team met once, the others meet every week or two.
MET_DAYS_AGO = ((6,), (16, 2), (20, 9))


def _moment(days_ago: int) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(15, 30)))


@transaction.atomic
def seed_teams(district: District) -> int:
    """Three teams with demo-teacher and demo-teachercoach in them; returns the number of rows written."""
    from pollinate.demo import generator as g

    if Team.objects.filter(district=district).exists():
        return 0
    names = {g.DEMO_USERNAMES[key]: key for key in (g.DEMO_TEACHER, g.DEMO_TEACHER_COACH)}
    people = {names[p.username]: p for p in Person.objects.filter(district=district, username__in=names)}
    if len(people) < 2:
        return 0
    teacher, teacher_coach = people[g.DEMO_TEACHER], people[g.DEMO_TEACHER_COACH]
    school_id = (
        Enrollment.objects.filter(person=teacher, role=Enrollment.EnrollmentRole.TEACHER, status=RecordStatus.ACTIVE)
        .order_by("id")
        .values_list("school_id", flat=True)
        .first()
    )
    colleagues = list(
        Enrollment.objects.filter(
            school_id=school_id, role=Enrollment.EnrollmentRole.TEACHER, status=RecordStatus.ACTIVE
        )
        .exclude(person__in=[teacher, teacher_coach])
        .order_by("person__sourced_id")
        .values_list("person_id", flat=True)
        .distinct()[:3]
    )
    written = 0
    # Who starts each team, who joins it.
    casts = ((teacher, [teacher_coach]), (teacher_coach, [teacher, *colleagues[:1]]), (teacher_coach, colleagues[1:3]))
    for (name, purpose, moves, weeks), (starter, joiners) in zip(TEAMS, casts, strict=True):
        team = services.team_create(actor=starter, name=name, purpose=purpose, school_id=school_id)
        for person_id in [p.pk if isinstance(p, Person) else p for p in joiners]:
            services.team_member_add(actor=starter, team=team, person_id=person_id)
        for to_stage, reason in moves:
            services.team_move_stage(actor=starter, team=team, to_stage=to_stage, reason=reason)
        written += 2 + len(joiners) + len(moves)
        # The story in time: started ``weeks`` ago, each move a few weeks later, met recently.
        started = weeks * 7
        changes = list(StageChange.objects.filter(team=team).order_by("id"))
        for n, change in enumerate(changes):
            StageChange.objects.filter(pk=change.pk).update(at=_moment(started - n * 21))
        Team.objects.filter(pk=team.pk).update(
            created_at=_moment(started), stage_changed_at=_moment(started - (len(changes) - 1) * 21)
        )
        members = list(team.members.values_list("person_id", flat=True))
        notes, decisions = MEETINGS[len(moves)]
        for days_ago in MET_DAYS_AGO[len(moves)]:
            services.meeting_log(
                actor=starter,
                team=team,
                met_on=timezone.localdate() - dt.timedelta(days=days_ago),
                attendee_ids=members,
                notes=notes,
                decisions=decisions,
                next_meeting_on=timezone.localdate() + dt.timedelta(days=6),
            )
            written += 1
    return written
