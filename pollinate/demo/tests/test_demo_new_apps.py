"""Mastery, teams, coaching and scheduling in the tiny demo district: each demo login's pages show real content.

Loaded once for the module, then removed; each test only reads it (through the pages a person would open).
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from pollinate.coaching.models import CoachingCycle, ScheduledCheckIn
from pollinate.core.models import AuditEvent
from pollinate.demo import generator as g
from pollinate.demo.services import _delete_district_records, demo_logins
from pollinate.mastery.models import ExpectedLevel, MasteryRecord, QuickCheck, Score
from pollinate.people.models import District, Person
from pollinate.teams.models import Team

LEVEL_CELL = re.compile(r'<td class="lv([1-4])"><a [^>]*><span aria-hidden="true">&#[0-9]+;</span> ([0-9.]+) <small>')


@pytest.fixture(scope="module")
def tiny_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        # Committed (shared by the module), so all of it goes afterwards, audit trail included.
        last_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        call_command("seed_demo", "--size", "tiny", "--school-year", "2027", "--quiet", stdout=StringIO())
        district = District.objects.get(slug=g.DISTRICT_SLUG)
        yield district
        _delete_district_records(district)
        AuditEvent.objects.filter(id__gt=last_event).delete()


@pytest.fixture
def demo(db, tiny_demo):
    return tiny_demo


def _person(key: str) -> Person:
    return Person.objects.get(username=g.DEMO_USERNAMES[key], district__slug=g.DISTRICT_SLUG)


def _page(key: str, url: str) -> str:
    client = Client()
    client.force_login(_person(key))
    response = client.get(url, follow=True)
    assert response.status_code == 200, (key, url, response.status_code)
    return response.content.decode()


def test_the_teachers_class_grid_has_a_coloured_level_for_every_learner(demo):
    section = QuickCheck.objects.get(district=demo).section
    student = _person(g.DEMO_STUDENT)

    html = _page(g.DEMO_TEACHER, f"/mastery/classes/{section.pk}/")

    assert section.title in _page(g.DEMO_TEACHER, "/mastery/classes/")
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", html, re.S)
    assert len(rows) == 10
    assert all(LEVEL_CELL.search(row) for row in rows)  # every learner has at least one scored competency
    bands = {band for row in rows for band, _level in LEVEL_CELL.findall(row)}
    assert bands >= {"1", "2", "3"}
    mine = next(row for row in rows if f"/mastery/learner/{student.pk}/" in row)
    assert [level for _band, level in LEVEL_CELL.findall(mine)] == ["2.88", "3.65", "1.88"]


def test_the_student_sees_levels_rising_over_weeks_and_next_steps(demo):
    student = _person(g.DEMO_STUDENT)
    scores = list(
        Score.objects.filter(learner=student, kind="guide", competency__code="RW.1").values_list("produced_on", "level")
    )

    progress = _page(g.DEMO_STUDENT, "/mastery/")
    steps = _page(g.DEMO_STUDENT, f"/mastery/learner/{student.pk}/next-steps/")

    assert [level for _day, level in scores] == [2, 2, 3, 3]
    assert (scores[-1][0] - scores[0][0]).days >= 14
    assert "4 ratings, from level 2 to 2.88." in progress
    assert "expected now" in progress
    assert "You are close to Proficient in Cites evidence." in steps
    assert Score.objects.filter(learner=student, kind="self").count() >= 5


def test_the_guardian_reads_progress_in_family_words(demo):
    student = _person(g.DEMO_STUDENT)

    html = _page(g.DEMO_GUARDIAN, f"/mastery/learner/{student.pk}/")

    assert "2.88 · getting there" in html
    assert "3.65 · on pace" in html


def test_the_site_coach_sees_an_overdue_caseload_a_cycle_and_this_weeks_check_ins(demo):
    coach, teacher = _person(g.DEMO_SITE_COACH), _person(g.DEMO_TEACHER)
    lead = _person(g.DEMO_LEAD_COACH)

    caseload = _page(g.DEMO_SITE_COACH, "/coaching/")
    week = _page(g.DEMO_SITE_COACH, "/scheduling/")
    cycles = _page(g.DEMO_SITE_COACH, "/coaching/cycles/")

    assert teacher.get_full_name() in caseload or teacher.given_name in caseload
    assert "Never seen" in caseload
    assert CoachingCycle.objects.get(coach=coach).title in cycles
    assert f"with {lead.given_name} {lead.family_name}" in week
    assert ScheduledCheckIn.objects.filter(host=coach, status="scheduled").exists()


def test_the_lead_coach_has_check_ins_escalated_to_them(demo):
    html = _page(g.DEMO_LEAD_COACH, "/coaching/coverage/")

    assert "Items escalated to you" in html


def test_the_leader_sees_teams_at_each_stage_and_the_teachers_are_in_them(demo):
    overview = _page(g.DEMO_LEADER, "/teams/overview/")
    teacher = _page(g.DEMO_TEACHER, "/teams/")
    teacher_coach = _page(g.DEMO_TEACHER_COACH, "/teams/")

    assert "3 open teams" in overview
    assert sorted(Team.objects.filter(district=demo).values_list("stage", flat=True)) == [
        "co_teach",
        "multi_age_project",
        "plan_together",
    ]
    names = list(Team.objects.filter(district=demo).order_by("name").values_list("name", flat=True))
    assert all(name in overview for name in names)
    assert all(name in teacher_coach for name in names)
    assert [name for name in names if name in teacher] == [
        "Grade 7 humanities planning",
        "Writing workshop co-teachers",
    ]
    team = Team.objects.get(district=demo, stage="multi_age_project")
    detail = _page(g.DEMO_TEACHER_COACH, f"/teams/{team.pk}/")
    assert "Older students run the soil test with grade 6." in detail


def test_the_admin_sees_the_district_framework_and_the_school_has_an_expected_progression(demo):
    html = _page(g.DEMO_ADMIN, "/competencies/")

    assert "Reading and writing" in html
    assert list(ExpectedLevel.objects.filter(school__district=demo).values_list("level", flat=True)) == [1, 2, 3]
    assert MasteryRecord.objects.filter(district=demo, status="mastered").exists()


def test_the_logins_say_where_to_look(demo):
    sees = {login.username: login.sees for login in demo_logins()}

    assert "Mastery grid" in sees["demo-teacher"]
    assert "My progress" in sees["demo-student"]
    assert "Schedule" in sees["demo-sitecoach"]
    assert "Teams" in sees["demo-leader"]
    assert "Teams" in sees["demo-teachercoach"]
