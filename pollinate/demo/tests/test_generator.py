"""The demo plan on its own (no database): deterministic, and every relationship holds together."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest

from pollinate.demo import generator as g

YEAR = 2027


def _records(size: str, seed: int = g.DEFAULT_SEED) -> list[g.Record]:
    return list(g.DemoDistrict(size, seed=seed, school_year=YEAR).records())


def _of(records, kind):
    return [r for r in records if isinstance(r, kind)]


@pytest.fixture(scope="module")
def small():
    return _records("small")


def test_same_seed_gives_the_same_district(small):
    assert _records("small") == small


def test_different_seed_gives_different_people_and_classes(small):
    other = _records("small", seed=7)
    assert {p.username for p in _of(other, g.PersonRec)} != {p.username for p in _of(small, g.PersonRec)}
    pairs = {(e.section_sourced_id, e.person_sourced_id) for e in _of(small, g.EnrollmentRec)}
    assert {(e.section_sourced_id, e.person_sourced_id) for e in _of(other, g.EnrollmentRec)} != pairs


def test_small_size_matches_the_preset(small):
    schools = _of(small, g.SchoolRec)
    assert [s.level for s in schools] == ["elementary", "middle", "high"]
    people = _of(small, g.PersonRec)
    assert sum(p.oneroster_role == "student" for p in people) == 600
    assert sum(p.oneroster_role in ("teacher", "administrator") for p in people) == 40


def test_district_preset_is_sixty_schools_fifty_thousand_students():
    preset = g.SIZES["district"]
    assert sum(n for _level, n in preset.schools) == 60
    assert (preset.students, preset.educators, preset.district_admins) == (50_000, 3_000, 5)


def test_tiny_is_one_school_of_thirty_students():
    records = _records("tiny")
    assert len(_of(records, g.SchoolRec)) == 1
    assert sum(p.oneroster_role == "student" for p in _of(records, g.PersonRec)) == 30


def test_every_student_takes_six_classes_at_their_school_one_per_period(small):
    school_of = {p.sourced_id: p.org_sourced_ids[0] for p in _of(small, g.PersonRec)}
    sections = {s.sourced_id: s for s in _of(small, g.SectionRec)}
    periods = defaultdict(list)
    for e in _of(small, g.EnrollmentRec):
        if e.role == "student":
            assert sections[e.section_sourced_id].school_sourced_id == school_of[e.person_sourced_id]
            periods[e.person_sourced_id].append(sections[e.section_sourced_id].periods)
    assert len(periods) == 600
    assert all(len(p) == 6 and len(set(p)) == 6 for p in periods.values())


def test_every_class_has_one_teacher_of_its_school_free_that_period(small):
    school_of = {p.sourced_id: p.org_sourced_ids[0] for p in _of(small, g.PersonRec)}
    sections = {s.sourced_id: s for s in _of(small, g.SectionRec)}
    teachers = Counter()
    teacher_periods = Counter()
    students = Counter()
    for e in _of(small, g.EnrollmentRec):
        section = sections[e.section_sourced_id]
        if e.role == "teacher":
            teachers[section.sourced_id] += 1
            teacher_periods[(e.person_sourced_id, section.periods)] += 1
            assert school_of[e.person_sourced_id] == section.school_sourced_id
        else:
            students[section.sourced_id] += 1
    assert set(teachers) == set(sections)
    assert set(teachers.values()) == {1}
    assert max(teacher_periods.values()) == 1
    assert max(students.values()) <= g.MAX_CLASS_SIZE


def test_guardians_and_students_name_each_other(small):
    people = {p.sourced_id: p for p in _of(small, g.PersonRec)}
    links = {(x.guardian_sourced_id, x.student_sourced_id) for x in _of(small, g.GuardianshipRec)}
    for p in people.values():
        if p.oneroster_role == "student":
            assert 1 <= len(p.agent_sourced_ids) <= 2
            assert all((guardian, p.sourced_id) in links for guardian in p.agent_sourced_ids)
        if p.oneroster_role == "guardian":
            assert p.agent_sourced_ids
            assert all(p.sourced_id in people[child].agent_sourced_ids for child in p.agent_sourced_ids)
    # Some families have more than one child in the district.
    assert any(len(p.agent_sourced_ids) > 1 for p in people.values() if p.oneroster_role == "guardian")


def test_birth_dates_fit_the_grade(small):
    for p in _of(small, g.PersonRec):
        if p.oneroster_role != "student":
            assert p.birth_date is None
            continue
        grade = 0 if p.grades == "KG" else int(p.grades)
        # Five on 1 September 2026 for kindergarten, one year older per grade.
        assert dt.date(2020 - grade, 9, 2) <= p.birth_date <= dt.date(2021 - grade, 9, 1)


def test_usernames_are_unique_and_emails_are_example_domains(small):
    people = _of(small, g.PersonRec)
    assert len({p.username for p in people}) == len(people)
    assert all(p.email.split("@")[1].endswith(("example.org", "example.com", "example.net")) for p in people)


def test_some_families_prefer_another_language(small):
    languages = Counter(p.preferred_language for p in _of(small, g.PersonRec) if p.oneroster_role == "guardian")
    assert languages["es"] > 0
    assert len(set(languages) - {""}) >= 3


def test_coach_caseloads_are_teachers_of_the_coachs_school(small):
    roles = defaultdict(set)
    for r in _of(small, g.RoleRec):
        roles[r.person_sourced_id].add((r.role, r.school_sourced_id))
    for c in _of(small, g.CoachingRec):
        if c.kind == "coach_to_teacher":
            assert ("teacher", c.school_sourced_id) in roles[c.coachee_sourced_id]
            assert ("site_coach", c.school_sourced_id) in roles[c.coach_sourced_id]
        elif c.kind == "lead_to_site":
            assert ("site_coach", c.school_sourced_id) in roles[c.coachee_sourced_id]
            assert ("lead_coach", None) in roles[c.coach_sourced_id]
        else:
            assert ("student", c.school_sourced_id) in roles[c.coachee_sourced_id]
            assert ("mentor", c.school_sourced_id) in roles[c.coach_sourced_id]


def test_demo_accounts_are_connected_to_each_other(small):
    plan = g.DemoDistrict("small", school_year=YEAR)
    ids = plan.demo_ids
    sections = {s.sourced_id for s in _of(small, g.SectionRec)}
    taught = {e.section_sourced_id for e in _of(small, g.EnrollmentRec) if e.person_sourced_id == ids["teacher"]}
    taken = {e.section_sourced_id for e in _of(small, g.EnrollmentRec) if e.person_sourced_id == ids["student"]}
    assert taught & taken
    assert taught <= sections
    coaching = {(c.coach_sourced_id, c.coachee_sourced_id, c.kind) for c in _of(small, g.CoachingRec)}
    assert (ids["site_coach"], ids["teacher"], "coach_to_teacher") in coaching
    assert (ids["lead_coach"], ids["site_coach"], "lead_to_site") in coaching
    assert (ids["mentor"], ids["student"], "mentor_to_student") in coaching
    assert any(c[0] == ids["teacher_coach"] and c[2] == "coach_to_teacher" for c in coaching)
    guardianships = {(x.guardian_sourced_id, x.student_sourced_id) for x in _of(small, g.GuardianshipRec)}
    assert (ids["guardian"], ids["student"]) in guardianships
    demo = {p.demo_account: p.username for p in _of(small, g.PersonRec) if p.demo_account}
    assert demo == g.DEMO_USERNAMES


def test_unknown_size_is_refused():
    with pytest.raises(ValueError, match="unknown size 'huge'"):
        g.DemoDistrict("huge", school_year=YEAR)


@pytest.mark.parametrize(("today", "year"), [(dt.date(2026, 11, 23), 2027), (dt.date(2027, 3, 1), 2027),
                                             (dt.date(2027, 7, 1), 2028)])
def test_default_school_year_is_the_one_in_progress(today, year):
    assert g.default_school_year(today) == year
