"""Calendar feeds for every persona: a feed is personal, whatever one's roles."""

from __future__ import annotations

import datetime as dt

import pytest

from pollinate.calendars import policies, services
from pollinate.calendars.models import CalendarFeed
from pollinate.calendars.tests.factories import make_check_in
from pollinate.coaching.models import ScheduledCheckIn
from pollinate.core.errors import NotFound
from pollinate.people.models import CoachingAssignment
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db
WHEN = dt.datetime(2030, 1, 8, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("name", PERSONAS)
def test_feed_page_for_every_persona(world, client_for, name):
    person = world.persona(name)
    response = client_for(person).get("/calendars/")
    if person is None:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("name", [p for p in PERSONAS if p not in ("anonymous", "teacher")])
def test_nobody_sees_or_revokes_the_teachers_feed(world, name):
    feed, _raw = services.calendar_feed_create(actor=world.teacher)
    person = world.persona(name)
    assert not policies.calendar_feeds_visible_to(person).exists()
    assert not policies.can_revoke_calendar_feed(person, feed)
    with pytest.raises(NotFound):
        services.calendar_feed_revoke(actor=person, feed_id=feed.pk)
    assert CalendarFeed.objects.get(pk=feed.pk).revoked_at is None


@pytest.mark.parametrize("name", [p for p in PERSONAS if p != "anonymous"])
def test_each_personas_feed_holds_only_their_own_check_ins(world, name):
    make_check_in(world.coach, world.teacher, starts_at=WHEN)
    make_check_in(world.lead_coach, world.coach, starts_at=WHEN, kind=CoachingAssignment.Kind.LEAD_TO_SITE)
    make_check_in(world.mentor, world.student, starts_at=WHEN, kind=CoachingAssignment.Kind.MENTOR_TO_STUDENT)
    make_check_in(world.outsider_admin, world.outsider_teacher, starts_at=WHEN)
    person = world.persona(name)
    expected = {c.pk for c in ScheduledCheckIn.objects.all() if person.pk in (c.host_id, c.attendee_id)}
    assert set(policies.check_ins_in_feed_of(person).values_list("pk", flat=True)) == expected


def test_anonymous_has_no_feed_and_no_check_ins(world):
    assert not policies.calendar_feeds_visible_to(None).exists()
    assert not policies.check_ins_in_feed_of(None).exists()
    assert not policies.can_manage_calendar_feed(None)
