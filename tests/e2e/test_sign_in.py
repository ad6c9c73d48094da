"""Signing in as each role, in a real browser: the redirect, the labelled form, the home page, keyboard and phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# persona -> (heading that only their home page shows, the heading's element id).
HOME_CONTENT = {
    "district_admin": ("Alder Valley", None),
    "leader_a1": ("My school", "leader-heading"),
    "lead_coach": ("My coaching network", "lead-coach-heading"),
    "coach": ("My caseload", "site-coach-heading"),
    "teacher": ("My teaching", "teacher-heading"),
    "student": ("My classes", "student-heading"),
    "guardian": ("My child", "guardian-heading"),
    "mentor": ("My mentees", "mentor-heading"),
}


def sign_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("persona", list(HOME_CONTENT))
def test_role_signs_in_and_lands_on_their_home(world, live_server, page: Page, persona):
    person = getattr(world, persona)
    sign_in(page, live_server.url, person.username, PASSWORD)

    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {person.display_name}")
    heading, heading_id = HOME_CONTENT[persona]
    expect(page.get_by_role("heading", level=2, name=heading, exact=True)).to_be_visible()
    if heading_id:
        expect(page.locator(f"#{heading_id}")).to_have_text(heading)
    for other, (other_heading, other_id) in HOME_CONTENT.items():
        if other_id and other_heading != heading and other != persona:
            expect(page.locator(f"#{other_id}")).to_have_count(0)

    # Keyboard: the first Tab lands on the skip link, which moves focus to the main content; the main
    # navigation is reachable by Tab from the top of the page.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_class(re.compile(r"\bskip-link\b"))
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.goto(live_server.url + "/")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('nav') !== null"):
            break
    assert page.evaluate("document.activeElement.closest('nav')?.getAttribute('aria-label')") == "Main"

    # A phone-sized screen: nothing wider than the viewport, so no sideways scrolling.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px viewport"


def test_wrong_password_five_times_locks_the_username(world, live_server, page: Page):
    lockout = "Too many failed attempts; try again in 15 minutes or reset your password."
    page.goto(live_server.url + "/accounts/login/")
    for attempt in range(1, 6):
        page.get_by_label("Username").fill("teacher")
        page.get_by_label("Password").fill("not my password")
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(re.compile(r"/accounts/login/"))
        if attempt < 5:
            expect(page.get_by_text("That username and password do not match.").first).to_be_visible()
            expect(page.get_by_text(lockout)).to_have_count(0)
    expect(page.get_by_text(lockout).first).to_be_visible()
    # Even the right password is refused while the lockout lasts.
    page.get_by_label("Username").fill("teacher")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_text(lockout).first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Pollinate")
