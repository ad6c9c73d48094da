"""What the browser journeys share: a desktop page on the live server and signing in as a persona."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

# Every persona and factory-made person has this password (pollinate/people/tests/factories.py).
PASSWORD = "correct horse battery"


def desktop_page(browser: Any, base_url: str, *, timeout_ms: int = 10_000, **context: Any) -> Page:
    """A fresh browser context (its own cookies: one signed-in person) at 1280 × 900, in English."""
    made = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-US", base_url=base_url, **context
    )
    made.set_default_timeout(timeout_ms)
    return made.new_page()


def sign_in(page: Page, username: str, *, base_url: str = "") -> None:
    """Through the sign-in form, landing on the person's home page."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/$"))
