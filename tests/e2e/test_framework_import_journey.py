"""Competency frameworks in a real browser: a district administrator brings in the standards the district keeps
in a spreadsheet (the shared Common Core ELA export, read in place), checks it first, imports it, and a teacher
then finds a standard in its tree; the administrator also chooses how mastery on Habits of Mind is calculated for
the district and sees the recalculation done."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from pollinate.competencies.models import Framework
from pollinate.competencies.services import ensure_built_in_frameworks
from pollinate.competencies.tests.conftest import CASE_SAMPLES
from tests.e2e.helpers import desktop_page, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_admin_imports_the_districts_spreadsheet_and_a_teacher_finds_a_standard(world, live_server, browser):
    admin = desktop_page(browser, live_server.url, timeout_ms=15_000)
    sign_in(admin, world.district_admin.username)
    admin.goto("/competencies/")
    admin.get_by_role("link", name="Import a framework").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Import a framework")

    admin.get_by_label("CASE package (.json) or spreadsheet (.csv)").set_input_files(
        str(CASE_SAMPLES / "ccsso_ela_item.csv")
    )
    admin.get_by_label("Title (spreadsheets only)").fill("Common Core ELA")
    admin.get_by_role("button", name="Upload").click()
    checked = admin.get_by_role("status")
    expect(checked).to_contain_text("Checked (dry run, nothing written): Common Core ELA")
    expect(checked).to_contain_text("1189 created")
    assert not Framework.objects.filter(title="Common Core ELA").exists()

    admin.get_by_label("CASE package (.json) or spreadsheet (.csv)").set_input_files(
        str(CASE_SAMPLES / "ccsso_ela_item.csv")
    )
    admin.get_by_label("Title (spreadsheets only)").fill("Common Core ELA")
    admin.get_by_label("Only check it: show what would change and write nothing").uncheck()
    admin.get_by_role("button", name="Upload").click()
    expect(admin.get_by_role("status")).to_contain_text("Imported: Common Core ELA")

    teacher = desktop_page(browser, live_server.url, timeout_ms=15_000)
    sign_in(teacher, world.teacher.username)
    teacher.goto("/competencies/")
    teacher.get_by_role("link", name="Common Core ELA").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Common Core ELA")
    expect(teacher.get_by_text("Imported from a spreadsheet")).to_be_visible()
    teacher.get_by_role("link", name=re.compile(r"^Read closely to determine what the text says")).click()
    expect(teacher.get_by_role("heading", level=1)).to_contain_text("CCRA.R.1")
    breadcrumbs = teacher.get_by_role("navigation", name="Where this competency sits")
    expect(breadcrumbs).to_contain_text("Key Ideas and Details")


def test_an_admin_chooses_the_calculation_on_habits_of_mind_for_the_district(world, live_server, browser):
    # A transactional test starts from an emptied database: the built-in frameworks are seeded again.
    habits = next(f for f in ensure_built_in_frameworks() if f.case_identifier == "pollinate:habits-of-mind")
    admin = desktop_page(browser, live_server.url, timeout_ms=15_000)
    sign_in(admin, world.district_admin.username)
    admin.goto(f"/competencies/{habits.pk}/")
    admin.get_by_role("link", name="Mastery calculation").click()
    expect(admin.get_by_text("applies to the learners of")).to_contain_text("Alder Valley")

    admin.get_by_label("Most recent").check()
    admin.get_by_role("button", name="Save").click()

    expect(admin.get_by_role("status").first).to_contain_text("Mastery calculation saved for Alder Valley")
    expect(admin.get_by_text("Most recent (in Alder Valley)")).to_be_visible()
    expect(admin.get_by_role("region", name="Recalculating the levels")).to_contain_text("Done on")
