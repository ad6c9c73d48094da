"""Teams in any state, for tests. Written straight to the database: services are what the tests exercise."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pollinate.teams.models import Meeting, Stage, StageChange, Team, TeamMember


def make_team(
    members: list[Any],
    *,
    school: Any = None,
    stage: str = Stage.PLAN_TOGETHER,
    name: str = "Grade 4 planners",
    facilitators: tuple[Any, ...] = (),
    **fields: Any,
) -> Team:
    first = members[0] if members else facilitators[0]
    team = Team.objects.create(
        district_id=first.district_id, school=school, name=name, stage=stage, created_by=first, **fields
    )
    for person in members:
        TeamMember.objects.create(team=team, person=person, role=TeamMember.Role.MEMBER)
    for person in facilitators:
        TeamMember.objects.create(team=team, person=person, role=TeamMember.Role.FACILITATOR)
    StageChange.objects.create(team=team, to_stage=stage, moved_by=first, reason="Team started.")
    return team


def make_meeting(team: Team, attendees: list[Any], *, met_on: dt.date | None = None, **fields: Any) -> Meeting:
    defaults = {"notes": "Planned the fractions unit together", "decisions": "Swap classes on Fridays"}
    defaults.update(fields)
    meeting = Meeting.objects.create(
        team=team, met_on=met_on or timezone.localdate(), recorded_by=attendees[0], **defaults
    )
    meeting.attendees.set(attendees)
    return meeting
