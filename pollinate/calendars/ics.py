"""Writing check-ins as an RFC 5545 calendar. The ``icalendar`` library does the escaping, line folding and UTC
times; this module decides what goes in, which is deliberately little: a title naming the other person, the
time, the school as location. Never agendas or notes: a calendar app may sync them to places the district
does not control.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from pollinate.coaching.models import ScheduledCheckIn

PRODID = "-//Pollinate//Check-in feed//EN"
UID_DOMAIN = "pollinate.check-in"


def check_in_uid(check_in: ScheduledCheckIn) -> str:
    """Stable for the life of the check-in, so moving it updates the event instead of adding another."""
    return f"check-in-{check_in.pk}@{UID_DOMAIN}"


def sequence_of(check_in: ScheduledCheckIn) -> int:
    """Seconds between creation and the last change: grows with every change, as RFC 5545 asks."""
    return max(0, int((check_in.updated_at - check_in.created_at).total_seconds()))


def build_calendar(check_ins: Iterable[ScheduledCheckIn], *, owner: Any, now: dt.datetime) -> bytes:
    """The owner's check-ins as an iCalendar document, in the owner's language."""
    language = (getattr(owner, "preferred_language", "") or "").lower()
    with translation.override(language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE):
        cal = Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", _("Pollinate check-ins"))
        # Ask calendar apps to refresh hourly (most poll less often whatever we say).
        cal.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", dt.timedelta(hours=1))
        for check_in in check_ins:
            cal.add_component(_event(check_in, owner=owner, now=now))
        return cal.to_ical()


def _event(check_in: ScheduledCheckIn, *, owner: Any, now: dt.datetime) -> Event:
    other = check_in.attendee if check_in.host_id == owner.pk else check_in.host
    event = Event()
    event.add("uid", check_in_uid(check_in))
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", check_in.starts_at.astimezone(dt.UTC))
    event.add("dtend", check_in.ends_at.astimezone(dt.UTC))
    event.add("summary", _("Check-in with %(name)s") % {"name": other.display_name})
    if check_in.school_id and check_in.school is not None:
        event.add("location", check_in.school.name)
    # A proposal is not agreed yet: calendars show it as tentative until someone accepts it.
    event.add("status", "TENTATIVE" if check_in.status == ScheduledCheckIn.Status.PROPOSED else "CONFIRMED")
    event.add("sequence", sequence_of(check_in))
    event.add("last-modified", check_in.updated_at.astimezone(dt.UTC))
    event.add("created", check_in.created_at.astimezone(dt.UTC))
    event.add("transp", "OPAQUE")
    event.add("class", "PRIVATE")
    return event
