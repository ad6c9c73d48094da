"""Who may see which calendar feed, and what a feed may show.

A feed is personal: only its owner sees or revokes it, whatever their roles (a leader has no business with a
colleague's calendar address). A feed shows the owner's own check-ins, as host or attendee, that are still on:
proposed (tentative), scheduled or held. Missed and cancelled ones drop out, so calendar apps remove them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.calendars.models import CalendarFeed
from pollinate.coaching.models import ScheduledCheckIn

S = ScheduledCheckIn.Status
FEED_STATUSES = (S.PROPOSED, S.SCHEDULED, S.HELD)


def _signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False)) and bool(actor.is_active)


def calendar_feeds_visible_to(actor: Any) -> QuerySet[CalendarFeed]:
    if not _signed_in(actor):
        return CalendarFeed.objects.none()
    return CalendarFeed.objects.filter(person_id=actor.pk)


def can_manage_calendar_feed(actor: Any) -> bool:
    """Anyone signed in may make, regenerate and revoke their own feed."""
    return _signed_in(actor)


def can_revoke_calendar_feed(actor: Any, feed: CalendarFeed) -> bool:
    return _signed_in(actor) and feed.person_id == actor.pk


def check_ins_in_feed_of(person: Any) -> QuerySet[ScheduledCheckIn]:
    if not _signed_in(person):
        return ScheduledCheckIn.objects.none()
    return ScheduledCheckIn.objects.filter(Q(host_id=person.pk) | Q(attendee_id=person.pk), status__in=FEED_STATUSES)
