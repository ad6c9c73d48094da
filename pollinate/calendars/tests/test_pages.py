"""The "Calendar feed" page: make the address (shown once), make a new one, turn it off."""

from __future__ import annotations

import pytest

from pollinate.calendars import services
from pollinate.calendars.models import CalendarFeed
from pollinate.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_page_offers_to_make_a_feed_with_instructions(world, client_for):
    page = client_for(world.teacher).get("/calendars/").content.decode()
    assert "Your feed is off" in page
    assert "Google Calendar" in page and "Outlook" in page and "Apple Calendar" in page


def test_making_a_feed_shows_the_address_once(world, client_for):
    client = client_for(world.teacher)
    response = client.post("/calendars/new/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    feed = CalendarFeed.objects.get(person=world.teacher)
    page = response.content.decode()
    start = page.index("http://testserver/calendars/feed/pcal_")
    url = page[start : page.index('"', start)]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert feed.digest == CalendarFeed.digest_of(token)
    assert f"webcal://testserver/calendars/feed/{token}.ics" in page
    assert client.get(url).status_code == 200
    later = client.get("/calendars/").content.decode()
    assert "Your feed is on" in later and token not in later and f"{feed.prefix}…" in later
    assert AuditEvent.objects.filter(verb="calendar_feed.create", actor_id=world.teacher.pk).count() == 1


def test_making_a_new_address_replaces_the_old_one(world, client_for):
    old, old_raw = services.calendar_feed_create(actor=world.teacher)
    client = client_for(world.teacher)
    client.post("/calendars/new/")
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert CalendarFeed.objects.filter(person=world.teacher, revoked_at__isnull=True).count() == 1
    assert client.get(f"/calendars/feed/{old_raw}.ics").status_code == 404
    assert AuditEvent.objects.filter(verb="calendar_feed.regenerate").count() == 1


def test_turning_the_feed_off(world, client_for):
    feed, raw = services.calendar_feed_create(actor=world.teacher)
    client = client_for(world.teacher)
    response = client.post(f"/calendars/{feed.pk}/revoke/", follow=True)
    assert "no longer works" in response.content.decode()
    assert "Your feed is off" in response.content.decode()
    assert client.get(f"/calendars/feed/{raw}.ics").status_code == 404


def test_nobody_else_can_turn_a_feed_off(world, client_for):
    feed, _raw = services.calendar_feed_create(actor=world.teacher)
    for person in (world.coach, world.leader_a1, world.district_admin):
        assert client_for(person).post(f"/calendars/{feed.pk}/revoke/").status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None
    assert AuditEvent.objects.filter(verb="calendar_feed.revoke").count() == 0


def test_making_and_revoking_need_post(world, client_for):
    client = client_for(world.teacher)
    assert client.get("/calendars/new/").status_code == 405
    assert CalendarFeed.objects.count() == 0


def test_account_menu_links_to_the_page(world, client_for):
    page = client_for(world.student).get("/calendars/").content.decode()
    assert 'href="/calendars/" aria-current="page">Calendar feed<' in page
