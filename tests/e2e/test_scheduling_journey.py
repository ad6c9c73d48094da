"""Automatic scheduling in a real browser: a site coach runs the scheduler (solved in the background while the
page shows progress), locks a slot, runs it again and the locked slot stays; the teacher sees the check-in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from pollinate.coaching.cadence import monday_of
from pollinate.coaching.models import ScheduledCheckIn
from pollinate.scheduling.models import ScheduleRun
from pollinate.scheduling.tests.factories import make_network, set_free
from tests.e2e.helpers import PASSWORD, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def run_scheduler(page: Page, week: dt.date) -> None:
    page.goto("/scheduling/")
    page.get_by_label("Week starting").fill(week.isoformat())
    page.get_by_label("Time limit (seconds)").fill("5")
    page.get_by_role("button", name="Propose the week").click()
    expect(page).to_have_url(re.compile(r"/scheduling/runs/\d+/$"))
    # The page follows the background solve (htmx polling) until the figures appear.
    expect(page.get_by_role("status")).to_contain_text("check-ins proposed", timeout=30_000)


def test_coach_locks_a_slot_reruns_and_the_teacher_sees_it(live_server, browser):
    net = make_network()
    for person in (net.coach, net.teachers[0]):
        person.set_password(PASSWORD)
        person.save()
    t0, t1, *_ = net.teachers
    set_free(t0, (1, 2), (1, 3))
    set_free(t1, (1, 2), (1, 3))
    week = monday_of(timezone.localdate()) + dt.timedelta(days=7)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()

    sign_in(page, "coach")
    run_scheduler(page, week)
    expect(page.get_by_role("status")).to_contain_text("Done: 2 of 4 check-ins proposed.")
    expect(page.get_by_role("table")).to_contain_text("has no free period this week")

    page.get_by_role("link", name="See the week").click()
    slot = ScheduledCheckIn.objects.get(attendee=t0)
    card = page.get_by_test_id(f"slot-{slot.pk}")
    expect(card).to_contain_text(t0.display_name)
    card.get_by_role("button", name=f"Lock {t0.display_name}").click()
    expect(page.get_by_text("Slot locked: re-running keeps it.")).to_be_visible()
    expect(page.get_by_test_id(f"slot-{slot.pk}")).to_contain_text("Locked")

    run_scheduler(page, week)
    expect(page.get_by_role("status")).to_contain_text("Done: 1 of 3 check-ins proposed.")
    kept = ScheduledCheckIn.objects.get(attendee=t0)
    assert (kept.pk, kept.weekday, kept.period, kept.locked) == (slot.pk, slot.weekday, slot.period, True)
    assert ScheduleRun.objects.count() == 2
    assert ScheduledCheckIn.objects.get(attendee=t1).period != slot.period

    # The teacher, on a phone, sees the locked check-in with their coach.
    context.clear_cookies()
    page.set_viewport_size({"width": 320, "height": 700})
    sign_in(page, t0.username)
    page.goto("/coaching/check-ins/")
    expect(page.get_by_role("main")).to_contain_text(net.coach.display_name)
    page.goto(f"/scheduling/?week={week.isoformat()}")
    mine = page.get_by_test_id(f"my-slot-{slot.pk}")
    expect(mine).to_contain_text(f"with {net.coach.display_name}")
    expect(page.get_by_role("heading", name="Run the scheduler")).to_have_count(0)

    # ...and in their own calendar app, through the private feed (no sign-in; the token is the credential).
    page.goto("/calendars/")
    page.get_by_role("button", name="Make my feed address").click()
    feed_url = page.locator("#feed-url").input_value()
    context.clear_cookies()
    feed = page.request.get(feed_url)
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    body = feed.text()
    assert f"SUMMARY:Check-in with {net.coach.display_name}" in body.replace("\r\n ", "")
    assert body.count("BEGIN:VEVENT") == 1
    context.close()
