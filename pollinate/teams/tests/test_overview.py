"""The leaders' overview: open teams by school and stage, in a fixed number of queries."""

from __future__ import annotations

import pytest

from pollinate.core.errors import Forbidden
from pollinate.people.models import Role
from pollinate.people.tests.factories import SchoolFactory, SectionFactory, enroll, make_person
from pollinate.teams import queries
from pollinate.teams.models import Stage
from pollinate.teams.tests.factories import make_meeting, make_team

pytestmark = pytest.mark.django_db
P, C, M = Stage.PLAN_TOGETHER, Stage.CO_TEACH, Stage.MULTI_AGE_PROJECT


@pytest.fixture
def teams(world):
    a2_teacher = make_person(world.school_a2.district, Role.TEACHER, school=world.school_a2, username="a2teacher")
    enroll(a2_teacher, SectionFactory(school=world.school_a2), "teacher")
    return {
        "a1_plan": make_team([world.teacher], school=world.school_a1, stage=P, name="A1 plan"),
        "a1_co": make_team([world.other_teacher], school=world.school_a1, stage=C, name="A1 co"),
        "a1_closed": make_team([world.teacher], school=world.school_a1, stage=C, name="A1 closed", is_active=False),
        "a2_multi": make_team([a2_teacher], school=world.school_a2, stage=M, name="A2 multi"),
        "across_with_a1": make_team([world.teacher, a2_teacher], stage=C, name="Across with A1"),
        "across_a2_only": make_team([a2_teacher], stage=P, name="Across A2 only"),
        "birch": make_team([world.outsider_teacher], school=world.school_b, stage=P, name="Birch"),
    }


def _table(overview):
    return [(row.school.name if row.school else "Across schools", row.counts) for row in overview.rows]


def test_a_school_leader_sees_their_school_and_cross_school_teams_of_their_staff(world, teams):
    overview = queries.stage_overview(viewer=world.leader_a1)
    assert _table(overview) == [("Alder Elementary", (1, 1, 0)), ("Across schools", (0, 1, 0))]
    assert overview.totals == (1, 2, 0) and overview.total == 3
    assert [t.name for t in overview.teams] == ["A1 co", "A1 plan", "Across with A1"]


def test_a_district_admin_sees_every_school_of_the_district(world, teams):
    overview = queries.stage_overview(viewer=world.district_admin)
    assert _table(overview) == [
        ("Alder Elementary", (1, 1, 0)),
        ("Alder High", (0, 0, 1)),
        ("Across schools", (1, 1, 0)),
    ]
    assert overview.totals == (2, 2, 1)


def test_schools_without_teams_show_zeros(world):
    overview = queries.stage_overview(viewer=world.leader_a2)
    assert _table(overview) == [("Alder High", (0, 0, 0))]
    assert overview.teams == []


@pytest.mark.parametrize("name", ["teacher", "coach", "lead_coach", "student", "guardian", "mentor"])
def test_only_leaders_have_an_overview(world, name):
    with pytest.raises(Forbidden):
        queries.stage_overview(viewer=getattr(world, name))


def test_overview_page_shows_the_numbers_in_text(world, teams, client_for):
    page = client_for(world.leader_a1).get("/teams/overview/").content.decode()
    assert "3 open teams" in page
    assert '<span class="chart__label">Co-teach</span>' in page
    assert '<span class="chart__value">2</span>' in page
    assert "A1 co" in page and "A2 multi" not in page and "Birch" not in page


def _grow(world, n):
    for i in range(n):
        school = SchoolFactory(district=world.school_a1.district, name=f"Extra {i}")
        teacher = make_person(school.district, Role.TEACHER, school=school)
        enroll(teacher, SectionFactory(school=school), "teacher")
        team = make_team([teacher, world.other_teacher], school=school, stage=[P, C, M][i % 3], name=f"T{i}")
        make_meeting(team, [teacher])


@pytest.mark.parametrize("extra", [0, 6])
def test_overview_page_queries_do_not_grow_with_schools_and_teams(
    world, teams, client_for, django_assert_num_queries, extra
):
    _grow(world, extra)
    client = client_for(world.district_admin)
    client.get("/teams/overview/")
    # session + person + scope (own roles, classes, wards and coachees in one query) + counts + schools + teams
    # + notifications badge
    with django_assert_num_queries(7):
        response = client.get("/teams/overview/")
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 6])
def test_my_teams_page_queries_do_not_grow(world, teams, client_for, django_assert_num_queries, extra):
    _grow(world, extra)
    client = client_for(world.other_teacher)
    # session + person + scope (own roles, classes, wards and coachees in one query) + teams + notifications badge
    with django_assert_num_queries(5):
        page = client.get("/teams/").content.decode()
    assert page.count('class="card"') == 1 + extra
