"""Mastery in a real browser: a teacher scores a piece of evidence and sees the class grid change; the learner opens
"why" from their progress page and reads the arithmetic."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from pollinate.competencies.tests.factories import make_competency, make_framework
from pollinate.mastery.tests.factories import make_evidence
from tests.e2e.helpers import desktop_page, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_teacher_scores_evidence_sees_the_grid_change_and_the_learner_opens_why(world, live_server, browser):
    framework = make_framework(world.school_a1.district, title="Science practices")
    make_competency(framework, "Ask a testable question", code="SCI.1", abbreviated="Questions", position=1)
    make_competency(framework, "Plan an investigation", code="SCI.2", abbreviated="Planning", position=2)
    piece = make_evidence(world.student, title="Pond life poster")

    teacher = desktop_page(browser, live_server.url)
    sign_in(teacher, "teacher")
    teacher.get_by_role("link", name="Mastery grid").click()
    teacher.get_by_role("link", name="Grade 4 Science").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Mastery grid: Grade 4 Science")
    row = teacher.get_by_role("row", name=re.compile(world.student.display_name))
    expect(row.get_by_role("cell").first).to_contain_text("Not started")

    teacher.goto(f"/evidence/{piece.pk}/")
    teacher.get_by_role("link", name="Rubric ratings").click()
    teacher.get_by_label("Competency").select_option(label="SCI.1 Questions")
    teacher.get_by_label("3 Proficient").check()
    teacher.get_by_role("button", name="Save rating").click()
    expect(teacher.get_by_role("status").or_(teacher.locator(".message--success")).first).to_contain_text(
        "Rating saved."
    )

    teacher.get_by_role("link", name="Mastery grid").click()
    teacher.get_by_role("link", name="Grade 4 Science").click()
    row = teacher.get_by_role("row", name=re.compile(world.student.display_name))
    expect(row.get_by_role("cell").first).to_have_text("✓ 3 Proficient")
    # The workshop groups and filters work without JavaScript too: filter to mastered learners.
    teacher.get_by_label("Status").select_option("mastered")
    teacher.get_by_role("button", name="Show").click()
    expect(teacher.get_by_text("Showing 1 learner of 1.")).to_be_visible()
    teacher.context.close()

    learner = desktop_page(browser, live_server.url)
    sign_in(learner, "student")
    learner.get_by_role("link", name="My progress").click()
    expect(learner.get_by_role("heading", level=1)).to_have_text("My progress")
    learner.get_by_role("link", name=re.compile(r"3 · Proficient")).click()
    expect(learner.get_by_role("heading", level=1)).to_have_text("Why this level: Questions")
    expect(learner.get_by_text("So your level is 3")).to_be_visible()
    expect(learner.get_by_role("rowheader", name="Pond life poster")).to_be_visible()
    learner.get_by_label("If my next piece of work were at").select_option("4")
    learner.get_by_role("button", name="Show me").click()
    expect(
        learner.get_by_text("One more piece of work at level 4 today would make the level 3.65 (Proficient).")
    ).to_be_visible()
    learner.context.close()
