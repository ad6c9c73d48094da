"""Goals in any state, for tests. Written straight to the database: services are what the tests exercise."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pollinate.goals.models import Goal, GoalEvent, SystemGoal
from pollinate.goals.services import snapshot_of


def make_goal(learner: Any, *, guide: Any = None, status: str = Goal.Status.DRAFT, **fields: Any) -> Goal:
    now = timezone.now()
    defaults: dict[str, Any] = {
        "kind": Goal.Kind.ACADEMIC,
        "title": "Read two chapter books by spring",
        "specific": "Read 20 minutes every evening",
        "created_at": now,
        "updated_at": now,
        "last_activity_at": now,
    }
    if status in (Goal.Status.ACTIVE, Goal.Status.ACHIEVED) and guide is not None:
        defaults.update(agreed_by=guide, agreed_at=now, next_check_in_on=timezone.localdate() + dt.timedelta(days=14))
    defaults.update(fields)
    goal = Goal.objects.create(district_id=learner.district_id, learner=learner, guide=guide, status=status, **defaults)
    GoalEvent.objects.create(
        goal=goal, actor=learner, kind=GoalEvent.Kind.CREATED, snapshot={"fields": snapshot_of(goal)}
    )
    return goal


def make_system_goal(district: Any, *, school: Any = None, title: str = "Every learner reads daily", **fields: Any):
    return SystemGoal.objects.create(
        district=district,
        school=school,
        level=SystemGoal.Level.SCHOOL if school else SystemGoal.Level.DISTRICT,
        title=title,
        **fields,
    )
