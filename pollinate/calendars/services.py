"""Writes for calendar feeds: make (or regenerate) and revoke a person's feed address, note when it was read."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from pollinate.calendars import policies
from pollinate.calendars.models import CalendarFeed
from pollinate.calendars.queries import TOKEN_PREFIX
from pollinate.core.access import get_object_for, require
from pollinate.core.audit import audit_log

# Note reads at most hourly: calendar apps poll often and a write on every poll would be noise.
TOUCH_EVERY = timedelta(hours=1)


def calendar_feed_create(*, actor: Any) -> tuple[CalendarFeed, str]:
    """A new feed address for ``actor``; any previous one stops working. Returns the feed and the raw token,
    which is shown to the person once and never stored."""
    require(policies.can_manage_calendar_feed(actor))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        replaced = list(policies.calendar_feeds_visible_to(actor).select_for_update().filter(revoked_at__isnull=True))
        for old in replaced:
            old.revoked_at = now
            old.save(update_fields=["revoked_at"])
        feed = CalendarFeed.objects.create(
            person=actor, prefix=raw[: len(TOKEN_PREFIX) + 6], digest=CalendarFeed.digest_of(raw), created_at=now
        )
        audit_log(
            actor,
            "calendar_feed.regenerate" if replaced else "calendar_feed.create",
            feed,
            district_id=actor.district_id,
        )
    return feed, raw


def calendar_feed_revoke(*, actor: Any, feed_id: int) -> CalendarFeed:
    """Stop a feed address working. Someone else's feed answers as not found; revoking twice is harmless."""
    with transaction.atomic():
        feed = get_object_for(
            actor,
            policies.calendar_feeds_visible_to(actor).select_for_update(),
            feed_id,
            allowed=policies.can_revoke_calendar_feed,
        )
        if feed.revoked_at is None:
            feed.revoked_at = timezone.now()
            feed.save(update_fields=["revoked_at"])
            audit_log(actor, "calendar_feed.revoke", feed, district_id=actor.district_id)
    return feed


def calendar_feed_mark_read(*, actor: Any, feed: CalendarFeed) -> None:
    """Remember when the owner's calendar app last fetched the feed, so the page can show it is working."""
    require(feed.person_id == getattr(actor, "pk", None))
    now = timezone.now()
    if feed.last_read_at is None or now - feed.last_read_at > TOUCH_EVERY:
        with transaction.atomic():
            CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=now)
        feed.last_read_at = now
