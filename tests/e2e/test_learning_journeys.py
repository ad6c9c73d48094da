"""Learner agency in a real browser: a student records audio evidence for a goal and shares it with family; a teacher
agrees a goal and gives feedback from their queue, and the student is told."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from pollinate.evidence.models import Audience, Evidence
from pollinate.goals.models import Goal
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.helpers import desktop_page, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A fake microphone (a tone) and no permission prompt, so MediaRecorder records something real.
MEDIA_ARGS = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


@pytest.fixture(scope="module")
def media_browser() -> Iterator:
    """Chromium with a fake microphone and camera (the shared ``browser`` fixture has none)."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`.")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + MEDIA_ARGS,
                                          headless=True)
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _page(browser, base_url: str) -> Page:
    return desktop_page(browser, base_url, permissions=["microphone"])


def sign_out(page: Page) -> None:
    page.context.clear_cookies()


def test_student_records_audio_for_a_goal_and_their_guardian_plays_it(world, live_server, media_browser):
    page = _page(media_browser, live_server.url)
    sign_in(page, "student")

    # A goal, from the home page's learning panel.
    page.get_by_role("link", name="All my goals").click()
    page.goto("/goals/new/")
    page.get_by_label("Kind of goal").select_option("academic")
    page.get_by_label("My goal").fill("Read aloud with expression")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Read aloud with expression")
    goal = Goal.objects.get(learner=world.student, title="Read aloud with expression")

    # Record audio in the browser for that goal, shared with family and shown in the portfolio.
    page.goto("/evidence/add/?mode=audio")
    page.get_by_label("Title").fill("Me reading my poem")
    page.get_by_role("button", name="Start recording").click()
    expect(page.get_by_role("status")).to_contain_text("Recording")
    page.wait_for_timeout(1500)
    page.get_by_role("button", name="Stop").click()
    expect(page.locator("[data-playback] audio")).to_have_count(1)
    page.get_by_label("For my goal").select_option(str(goal.pk))
    page.get_by_label("My family").check()
    page.get_by_label("Show it in my portfolio").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Me reading my poem")

    piece = Evidence.objects.get(learner=world.student, title="Me reading my poem")
    assert piece.kind == Evidence.Kind.AUDIO
    assert piece.audience == Audience.FAMILY
    assert piece.goal_id == goal.pk
    assert piece.content_type.startswith("audio/")
    assert piece.file_size > 0
    sign_out(page)

    # The guardian finds it from their home page, on a phone, and can play it.
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "guardian")
    page.get_by_role("link", name=f"Portfolio of {world.student.display_name}").click()
    page.get_by_role("link", name="Me reading my poem").click()
    audio = page.locator("audio[src]")
    expect(audio).to_have_count(1)
    response = page.request.get(audio.get_attribute("src"))
    assert response.status == 200
    assert response.headers["content-type"].startswith("audio/")
    assert len(response.body()) == piece.file_size
    page.context.close()


def test_teacher_agrees_a_goal_and_gives_feedback_from_the_queue_and_the_student_is_told(
    world, live_server, media_browser
):
    goal = Goal.objects.create(district=world.student.district, learner=world.student, guide=world.teacher,
                               kind=Goal.Kind.ACADEMIC, title="Learn my times tables", status=Goal.Status.PROPOSED)
    Evidence.objects.create(district=world.student.district, learner=world.student, kind=Evidence.Kind.WRITING,
                            title="My volcano poster", body="<p>Lava is hot.</p>", audience=Audience.GUIDES)
    page = _page(media_browser, live_server.url)
    sign_in(page, "teacher")

    page.get_by_role("link", name="Open my queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who needs me")
    page.get_by_role("link", name="Learn my times tables").click()
    page.get_by_role("button", name="Agree", exact=True).click()
    expect(page.get_by_text("Agreed by")).to_be_visible()

    page.goto("/queue/")
    page.get_by_role("link", name="My volcano poster").click()
    page.get_by_label("Your feedback").fill("Great labels. What makes lava flow faster?")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("What makes lava flow faster?")).to_be_visible()

    # Both are off the queue now, and the queue list swaps in place when the window changes (htmx).
    page.goto("/queue/")
    expect(page.get_by_text("No goals are waiting for you.")).to_be_visible()
    expect(page.get_by_text("No work is waiting for feedback.")).to_be_visible()
    page.get_by_label("No activity for", exact=True).select_option("30")
    expect(page.get_by_role("heading", name=re.compile("No activity for 30 days"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"days=30"))
    goal.refresh_from_db()
    assert goal.status == Goal.Status.ACTIVE
    sign_out(page)

    sign_in(page, "student")
    page.get_by_role("link", name=re.compile(r"2 unread notifications")).click()
    teacher = world.teacher.display_name
    expect(page.get_by_role("link", name=f"{teacher} commented on your evidence “My volcano poster”")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"Learn my times tables"))).to_be_visible()
    page.context.close()
