"""Escalation: items overdue beyond the grace period go to the next tier, once (an Escalation row per item and
recipient makes it idempotent)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from pollinate.coaching import policies
from pollinate.coaching.cadence import cadence_states, calendar_for
from pollinate.coaching.models import (
    CadenceRule,
    Escalation,
)
from pollinate.coaching.services._common import ACTIVE, settings_for
from pollinate.core.audit import audit_log
from pollinate.notifications.services import notify
from pollinate.people.models import CoachingAssignment, District, Person, Role, RoleAssignment


def escalation_recipients(district_id: int, host_ids: Iterable[int]) -> dict[int, list[int]]:
    """host → the people an overdue item of theirs goes to: their own coaches, else the district administrators."""
    hosts = set(host_ids)
    above: dict[int, list[int]] = {}
    for coach_id, coachee_id in CoachingAssignment.objects.filter(
        district_id=district_id, coachee_id__in=hosts, status=ACTIVE, kind__in=policies.COACHING_KINDS
    ).values_list("coach_id", "coachee_id"):
        above.setdefault(coachee_id, []).append(coach_id)
    admins = sorted(
        set(
            RoleAssignment.objects.filter(
                district_id=district_id, role=Role.DISTRICT_ADMIN, status=ACTIVE, person__status=ACTIVE
            ).values_list("person_id", flat=True)
        )
    )
    return {host: sorted(above.get(host, admins)) for host in hosts}


def overdue_beyond_grace(district_id: int, today: dt.date) -> list[Any]:
    """Cadence states overdue by more than the district's grace period, as of ``today``."""
    grace = settings_for(district_id).escalation_grace_days
    calendar = calendar_for(district_id)
    states = cadence_states(district_id=district_id, booked_from=today, booked_until=today, calendar=calendar)
    return [s for s in states if s.due_on < today and calendar.days_between(s.due_on, today) > grace]


def escalate_overdue(*, now: dt.datetime | None = None, district: District | None = None) -> int:
    """Raise every item overdue beyond the grace period to the next tier, once. Returns notifications sent."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    district_ids = (
        [district.pk]
        if district is not None
        else sorted(set(CadenceRule.objects.values_list("district_id", flat=True)))
    )
    sent = 0
    for district_id in district_ids:
        sent += _escalate_district(district_id, today, now)
    return sent


def _escalate_district(district_id: int, today: dt.date, now: dt.datetime) -> int:
    items = overdue_beyond_grace(district_id, today)
    if not items:
        return 0
    recipients = escalation_recipients(district_id, {s.host_id for s in items})
    # Recipients too: each notification is written in its recipient's language.
    ids = {s.host_id for s in items} | {s.attendee_id for s in items} | {r for rs in recipients.values() for r in rs}
    people = {p.pk: p for p in Person.objects.filter(id__in=ids)}
    done = set(
        Escalation.objects.filter(assignment_id__in=[s.assignment_id for s in items]).values_list(
            "assignment_id", "due_on", "recipient_id"
        )
    )
    url = reverse("coaching:coverage")
    sent = 0
    with transaction.atomic():
        for state in items:
            for recipient_id in recipients.get(state.host_id, []):
                key = (state.assignment_id, state.due_on, recipient_id)
                if key in done or recipient_id == state.attendee_id:
                    continue
                try:
                    with transaction.atomic():
                        Escalation.objects.create(
                            district_id=district_id,
                            assignment_id=state.assignment_id,
                            due_on=state.due_on,
                            recipient_id=recipient_id,
                            created_at=now,
                        )
                except IntegrityError:  # a concurrent run got there first
                    continue
                notify(
                    recipient=people[recipient_id],
                    actor=None,
                    message=gettext_lazy("Overdue: %(host)s has not met %(attendee)s since it was due on %(due)s."),
                    params={
                        "host": people[state.host_id].display_name,
                        "attendee": people[state.attendee_id].display_name,
                        "due": state.due_on.isoformat(),
                    },
                    url=url,
                )
                sent += 1
        if sent:
            audit_log(None, "coaching.escalate", district_id=district_id, notifications=sent)
    return sent
