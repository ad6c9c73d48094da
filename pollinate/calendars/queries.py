"""Reads for the calendar feed page and for the feed itself.

The feed is read by a calendar app with no session: the token in the address identifies the person, and from
then on the read is made on their behalf (``viewer`` is the feed's owner), starting from the same policy.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pollinate.calendars import policies
from pollinate.calendars.models import CalendarFeed
from pollinate.coaching.models import ScheduledCheckIn
from pollinate.core.audit import record_student_reads
from pollinate.people.models import CoachingAssignment

# How far the feed reaches: enough past to look back on recent meetings, enough ahead for a school term.
WINDOW_BEFORE = dt.timedelta(weeks=8)
WINDOW_AFTER = dt.timedelta(weeks=26)
TOKEN_PREFIX = "pcal_"  # noqa: S105 (a public marker, not a secret)


def calendar_feed_current(*, viewer: Any) -> CalendarFeed | None:
    """The viewer's live feed, if they made one."""
    return policies.calendar_feeds_visible_to(viewer).filter(revoked_at__isnull=True).first()


def calendar_feed_for_token(*, raw_token: str) -> CalendarFeed | None:
    """The live feed this secret opens, with its owner; None for unknown, revoked or deactivated. One query."""
    if not raw_token.startswith(TOKEN_PREFIX):
        return None
    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(digest=CalendarFeed.digest_of(raw_token), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.person.is_active:
        return None
    return feed


def feed_check_ins(*, viewer: Any, now: dt.datetime | None = None, path: str = "") -> list[ScheduledCheckIn]:
    """The viewer's check-ins within the feed's window, oldest first. One query, plus two for the audit when a
    mentor's feed names their student mentees (reading who meets a student, and when, is reading their record).
    """
    now = now or timezone.now()
    check_ins = list(
        policies.check_ins_in_feed_of(viewer)
        .filter(starts_at__gte=now - WINDOW_BEFORE, starts_at__lte=now + WINDOW_AFTER)
        .select_related("host", "attendee", "school")
        .order_by("starts_at", "id")
    )
    students = {c.attendee_id for c in check_ins if c.kind == CoachingAssignment.Kind.MENTOR_TO_STUDENT}
    if students:
        record_student_reads(viewer, students, verb="calendar.feed_read", district_id=viewer.district_id, path=path)
    return check_ins
