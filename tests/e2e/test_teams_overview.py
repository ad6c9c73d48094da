"""The leaders' teams overview (school × stage) on a 320px phone: no sideways scrolling (WCAG 1.4.10 reflow),
and every figure is still there, each labelled with its school and stage."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pollinate.teams.models import Stage
from pollinate.teams.tests.factories import make_team
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_overview_reflows_on_a_320px_phone(world, live_server, page: Page):
    make_team([world.teacher], school=world.school_a1, stage=Stage.PLAN_TOGETHER, name="Grade 4 planners")
    make_team([world.other_teacher], school=world.school_a1, stage=Stage.CO_TEACH, name="Fractions co-teachers")
    make_team([world.teacher], stage=Stage.MULTI_AGE_PROJECT, name="Whole-village river study across schools")
    sign_in(page, world.leader_a1.username, base_url=live_server.url)

    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/teams/overview/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Teams in my schools")

    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= 320, f"page is {widths[0]}px wide in a {widths[1]}px viewport"
    # Nothing inside scrolls sideways either: every table fits its box.
    wider = page.evaluate(
        "[...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1).length"
    )
    assert wider == 0, f"{wider} table(s) still scroll sideways at 320px"

    # The content is all still there, still a table for assistive technology, and each figure is shown with
    # its stage's name now that the column headers are out of sight.
    table = page.get_by_role("table", name="Open teams by school and stage")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader")).to_have_count(5)
    school_row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Alder Elementary"))
    expect(school_row.locator('td[data-label="Plan together"]')).to_have_text("1")
    expect(school_row.locator('td[data-label="Co-teach"]')).to_have_text("1")
    expect(school_row.locator('td[data-label="All stages"]')).to_have_text("2")
    across = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Across schools"))
    expect(across.locator('td[data-label="Multi-age project team"]')).to_have_text("1")
    total = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Total"))
    expect(total.locator('td[data-label="All stages"]')).to_have_text("3")
    shown = school_row.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert shown == '"Plan together"'
    teams = page.get_by_role("table", name="Open teams", exact=True)
    expect(teams.get_by_role("link", name="Whole-village river study across schools")).to_be_visible()
    expect(teams.locator('td[data-label="School"]').first).to_have_text("Alder Elementary")

    # On a wide screen it is an ordinary table again, with its header row in sight.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(table.get_by_role("columnheader", name="Plan together")).to_be_visible()
    assert school_row.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content") == "none"
