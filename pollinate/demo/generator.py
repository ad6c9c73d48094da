"""A demo district at any size, as a stream of plain records that a writer turns into rows or CSV files.

Everything is drawn from ``random.Random`` instances seeded from the run's seed and a name for each part of
the plan (schools, households, one school's timetable...), so the same seed and school year give the same
district, and a part can be recomputed instead of kept: the timetable of a school is planned once to emit
its classes and again to emit its enrollments, so only one school's enrollments are ever in memory.

Records come out in dependency order (district, sessions, schools, courses, people, roles, classes,
enrollments, guardianships, coaching), each kind in one run, so a writer can flush a kind when the next
begins. Records refer to each other by ``sourced_id``, as a OneRoster feed does.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from pollinate.demo.names import ORIGINS, RELATIONSHIPS, STAFF_ORIGIN_WEIGHTS, Origin
from pollinate.demo.records import (
    CoachingRec,
    CourseRec,
    DistrictRec,
    EnrollmentRec,
    GuardianshipRec,
    PersonRec,
    Record,
    RoleRec,
    SchoolRec,
    SectionRec,
    SessionRec,
)

DEFAULT_SEED = 2026
DISTRICT_SLUG = "demo"
DISTRICT_NAME = "Pollinate Demo District"
DISTRICT_SOURCED_ID = "demo-district"
STAFF_DOMAIN = "pollinate-demo.example.org"
STUDENT_DOMAIN = "students.pollinate-demo.example.org"
FAMILY_DOMAINS = ("example.com", "example.net", "example.org")
CLASSES_PER_STUDENT = 6
MAX_CLASS_SIZE = 35
PERIODS_IN_DAY = 8
COACH_CASELOAD = 12
MENTOR_CASELOAD = 12
SCHOOLS_PER_LEAD_COACH = 10
STUDENTS_PER_MENTOR = 250
# A second school leader (assistant principal) from this many students.
ASSISTANT_LEADER_FROM = 500

# Demo accounts: (key, username). Keys name what the account shows; the writer gives only these a password.
DEMO_STUDENT = "student"
DEMO_TEACHER = "teacher"
DEMO_TEACHER_COACH = "teacher_coach"
DEMO_MENTOR = "mentor"
DEMO_SITE_COACH = "site_coach"
DEMO_LEAD_COACH = "lead_coach"
DEMO_LEADER = "school_leader"
DEMO_ADMIN = "district_admin"
DEMO_GUARDIAN = "guardian"
DEMO_USERNAMES = {
    DEMO_STUDENT: "demo-student",
    DEMO_TEACHER: "demo-teacher",
    DEMO_MENTOR: "demo-mentor",
    DEMO_SITE_COACH: "demo-sitecoach",
    DEMO_LEAD_COACH: "demo-leadcoach",
    DEMO_LEADER: "demo-leader",
    DEMO_ADMIN: "demo-admin",
    DEMO_GUARDIAN: "demo-guardian",
    DEMO_TEACHER_COACH: "demo-teachercoach",
}

ELEMENTARY, MIDDLE, HIGH = "elementary", "middle", "high"
LEVEL_GRADES = {ELEMENTARY: tuple(range(6)), MIDDLE: (6, 7, 8), HIGH: (9, 10, 11, 12)}
LEVEL_SUFFIX = {ELEMENTARY: "Elementary School", MIDDLE: "Middle School", HIGH: "High School"}


@dataclass(frozen=True)
class SizePreset:
    name: str
    # (level, number of schools) in the order schools are numbered.
    schools: tuple[tuple[str, int], ...]
    students: int
    # Everyone employed: teachers plus leaders, coaches, mentors and administrators.
    educators: int
    district_admins: int


SIZES: dict[str, SizePreset] = {
    "tiny": SizePreset("tiny", ((MIDDLE, 1),), students=30, educators=10, district_admins=1),
    "small": SizePreset("small", ((ELEMENTARY, 1), (MIDDLE, 1), (HIGH, 1)), students=600, educators=40,
                        district_admins=2),
    "district": SizePreset("district", ((ELEMENTARY, 36), (MIDDLE, 14), (HIGH, 10)), students=50_000,
                           educators=3_000, district_admins=5),
}

# (course title, course code, subject) for the six classes each student takes, by level or grade.
_ELEMENTARY_SUBJECTS = (
    ("English Language Arts", "ELA", "English Language Arts"),
    ("Mathematics", "MATH", "Mathematics"),
    ("Science", "SCI", "Science"),
    ("Social Studies", "SS", "Social Studies"),
    ("Art", "ART", "Fine Arts"),
    ("Physical Education", "PE", "Physical Education"),
)
_MIDDLE_ELECTIVES = {6: ("Art", "ART", "Fine Arts"), 7: ("Music", "MUS", "Fine Arts"),
                     8: ("Spanish", "SPAN", "World Languages")}
_HIGH_SUBJECTS = {
    9: (("English 9", "ENG9", "English Language Arts"), ("Algebra I", "ALG1", "Mathematics"),
        ("Biology", "BIO", "Science"), ("World History", "WHIST", "Social Studies"),
        ("Spanish I", "SPAN1", "World Languages"), ("Health and Physical Education", "HPE", "Physical Education")),
    10: (("English 10", "ENG10", "English Language Arts"), ("Geometry", "GEOM", "Mathematics"),
         ("Chemistry", "CHEM", "Science"), ("U.S. History", "USHIST", "Social Studies"),
         ("Spanish II", "SPAN2", "World Languages"), ("Art and Design", "ART", "Fine Arts")),
    11: (("English 11", "ENG11", "English Language Arts"), ("Algebra II", "ALG2", "Mathematics"),
         ("Physics", "PHYS", "Science"), ("Government and Economics", "GOVECON", "Social Studies"),
         ("Computer Science", "CS", "Computer Science"), ("Music", "MUS", "Fine Arts")),
    12: (("English 12", "ENG12", "English Language Arts"), ("Pre-Calculus", "PRECALC", "Mathematics"),
         ("Environmental Science", "ENVSCI", "Science"), ("Psychology", "PSYCH", "Social Studies"),
         ("Statistics", "STATS", "Mathematics"), ("Studio Art", "STUDIO", "Fine Arts")),
}

_SCHOOL_NAMES = (
    "Lincoln", "Roosevelt", "Cesar Chavez", "Maya Angelou", "Sally Ride", "Riverside", "Lakeview", "Hillcrest",
    "Oak Grove", "Maple Street", "Cedar Park", "Willow Creek", "Sunnyside", "Meadowbrook", "Pine Ridge",
    "Eastside", "Westview", "Northgate", "Harriet Tubman", "Frederick Douglass", "Rosa Parks", "Dolores Huerta",
    "Sequoyah", "Mae Jemison", "Ruby Bridges", "Katherine Johnson", "Thurgood Marshall", "Eleanor Roosevelt",
    "Sojourner Truth", "Ellen Ochoa", "Grace Hopper", "Daniel Inouye", "Wilma Mankiller", "Booker T. Washington",
    "Jackie Robinson", "Roberto Clemente", "Amelia Earhart", "John Muir", "Rachel Carson", "Helen Keller",
    "Mark Twain", "Langston Hughes", "Zora Neale Hurston", "Fred Korematsu", "Patsy Mink", "Sylvia Mendez",
    "Benjamin Banneker", "Ida B. Wells", "Chief Joseph", "Susan B. Anthony", "Walt Whitman", "Louisa May Alcott",
    "Mary McLeod Bethune", "George Washington Carver", "Jim Thorpe", "Clara Barton", "Cherry Hill", "Bayside",
    "Prairie View", "Summit", "Valley View", "Fairview", "Brookside", "Highland", "Parkside", "Canyon Ridge",
    "Silver Lake", "Golden Gate", "Aspen", "Redwood", "Magnolia", "Juniper", "Cottonwood", "Mesa Verde",
)

_HOUSEHOLD_SIZES = ((1, 55), (2, 35), (3, 10))
_LANGUAGE_SHARE = 0.6  # share of an origin's households that ask for their home language
_SECOND_GUARDIAN_SHARE = 0.65
_SECOND_GUARDIAN_OTHER_FAMILY_NAME = 0.3



# ---------------------------------------------------------------------------------------------- helpers


def grade_code(grade: int) -> str:
    """OneRoster grade codes: KG, 01 ... 12."""
    return "KG" if grade == 0 else f"{grade:02d}"


def grade_label(grade: int) -> str:
    return "Kindergarten" if grade == 0 else f"Grade {grade}"


def default_school_year(today: dt.date) -> int:
    """The school year in progress, named by the calendar year it ends in (OneRoster's ``schoolYear``)."""
    return today.year + 1 if today.month >= 7 else today.year


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _split(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), so the parts add up exactly."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _grade_periods(grade: int) -> list[int]:
    """Six of the eight periods; grades start at different periods so teachers' days spread out."""
    start = grade % 3
    return [(start + k) % PERIODS_IN_DAY + 1 for k in range(CLASSES_PER_STUDENT)]


def _subjects(level: str, grade: int) -> tuple[tuple[str, str, str], ...]:
    if level == HIGH:
        return _HIGH_SUBJECTS[grade]
    if level == MIDDLE:
        return (*_ELEMENTARY_SUBJECTS[:4], _ELEMENTARY_SUBJECTS[5], _MIDDLE_ELECTIVES[grade])
    return _ELEMENTARY_SUBJECTS


def _cohorts(students: int) -> int:
    return max(1, math.ceil(students / MAX_CLASS_SIZE)) if students else 0


def student_id(index: int) -> str:
    return f"stu-{index:06d}"


def guardian_id(index: int) -> str:
    return f"gua-{index:06d}"


def staff_id(index: int) -> str:
    return f"stf-{index:05d}"


class _Usernames:
    """given.family, then given.family2, ... unique across the whole district."""

    def __init__(self) -> None:
        self._taken: dict[str, int] = {}

    def make(self, given: str, family: str) -> str:
        base = f"{_ascii(given)}.{_ascii(family)}"
        n = self._taken.get(base, 0) + 1
        self._taken[base] = n
        return base if n == 1 else f"{base}{n}"


# ---------------------------------------------------------------------------------------------- the plan


@dataclass
class SchoolPlan:
    index: int
    sourced_id: str
    name: str
    level: str
    grades: tuple[int, ...]
    students_by_grade: dict[int, list[int]]
    teacher_ids: list[str] = field(default_factory=list)
    leader_ids: list[str] = field(default_factory=list)
    coach_id: str = ""
    mentor_ids: list[str] = field(default_factory=list)

    @property
    def student_count(self) -> int:
        return sum(len(v) for v in self.students_by_grade.values())

    def class_count(self) -> int:
        return sum(_cohorts(len(self.students_by_grade[g])) * CLASSES_PER_STUDENT for g in self.grades)

    def most_classes_in_one_period(self) -> int:
        per_period = [0] * (PERIODS_IN_DAY + 1)
        for grade in self.grades:
            for period in _grade_periods(grade):
                per_period[period] += _cohorts(len(self.students_by_grade[grade]))
        return max(per_period)


@dataclass
class PlannedClass:
    sourced_id: str
    course_code: str
    title: str
    code: str
    subject: str
    grade: int
    period: int
    kind: str
    slot: int  # which of the student's six classes (0 is English, 1 mathematics...)
    teacher: int  # index into the school's teacher_ids
    students: list[int]


@dataclass
class Household:
    origin: Origin
    family_name: str
    students: list[int]
    first_guardian: int
    guardians: int


class DemoDistrict:
    """The plan of one demo district; ``records()`` streams it."""

    def __init__(self, size: str, *, seed: int = DEFAULT_SEED, school_year: int) -> None:
        if size not in SIZES:
            raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
        self.preset = SIZES[size]
        self.seed = seed
        self.school_year = school_year
        self.schools = self._plan_schools()
        self.student_count = sum(s.student_count for s in self.schools)
        self.student_school: list[int] = [0] * self.student_count
        self.student_grade: list[int] = [0] * self.student_count
        for school in self.schools:
            for grade, members in school.students_by_grade.items():
                for i in members:
                    self.student_school[i] = school.index
                    self.student_grade[i] = grade
        self.households, self.student_household = self._plan_households()
        self.guardian_count = sum(h.guardians for h in self.households)
        self._plan_staff()
        self.showcase = next((s for s in self.schools if s.level == MIDDLE), self.schools[0])
        self.demo_ids = self._pick_demo_accounts()

    def _rng(self, *parts: object) -> random.Random:
        return random.Random("/".join(str(p) for p in (self.seed, *parts)))

    # Sessions are shared by every school of the district.
    @property
    def year_id(self) -> str:
        return f"sy-{self.school_year}"

    @property
    def term_ids(self) -> tuple[str, str]:
        return (f"sem-{self.school_year}-fall", f"sem-{self.school_year}-spring")

    def _plan_schools(self) -> list[SchoolPlan]:
        rng = self._rng("schools")
        stems = list(_SCHOOL_NAMES)
        rng.shuffle(stems)
        schools: list[SchoolPlan] = []
        for level, count in self.preset.schools:
            for _ in range(count):
                index = len(schools)
                stem = stems[index % len(stems)]
                name = f"{stem} {LEVEL_SUFFIX[level]}"
                if index >= len(stems):
                    name = f"{name} {index // len(stems) + 1}"
                schools.append(SchoolPlan(index, f"sch-{index + 1:03d}", name, level, LEVEL_GRADES[level], {}))
        # Students per grade are even across grades; schools of a level differ in size a little.
        size_weight = [rng.uniform(0.8, 1.2) for _ in schools]
        served = sorted({g for s in schools for g in s.grades})
        per_grade = _split(self.preset.students, [1.0] * len(served))
        slots: list[tuple[int, int]] = []
        for grade, count in zip(served, per_grade, strict=True):
            serving = [s for s in schools if grade in s.grades]
            for school, n in zip(serving, _split(count, [size_weight[s.index] for s in serving]), strict=True):
                slots.extend([(school.index, grade)] * n)
        # Shuffled so siblings (consecutive students) land in different grades and schools.
        rng.shuffle(slots)
        for school in schools:
            school.students_by_grade = {g: [] for g in school.grades}
        for student, (school_index, grade) in enumerate(slots):
            schools[school_index].students_by_grade[grade].append(student)
        return schools

    def _plan_households(self) -> tuple[list[Household], list[int]]:
        rng = self._rng("households")
        origins = list(ORIGINS)
        origin_weights = [o.weight for o in origins]
        sizes = [s for s, _ in _HOUSEHOLD_SIZES]
        size_weights = [w for _, w in _HOUSEHOLD_SIZES]
        households: list[Household] = []
        household_of = [0] * self.student_count
        student = 0
        guardian = 0
        while student < self.student_count:
            n = min(rng.choices(sizes, size_weights)[0], self.student_count - student)
            origin = rng.choices(origins, origin_weights)[0]
            guardians = 2 if rng.random() < _SECOND_GUARDIAN_SHARE else 1
            members = list(range(student, student + n))
            for i in members:
                household_of[i] = len(households)
            households.append(Household(origin, rng.choice(origin.family), members, guardian, guardians))
            student += n
            guardian += guardians
        return households, household_of

    def _plan_staff(self) -> None:
        preset = self.preset
        counter = iter(range(1, 1_000_000))
        self.admin_ids = [staff_id(next(counter)) for _ in range(preset.district_admins)]
        lead_coaches = math.ceil(len(self.schools) / SCHOOLS_PER_LEAD_COACH)
        self.lead_coach_ids = [staff_id(next(counter)) for _ in range(lead_coaches)]
        non_teaching = preset.district_admins + lead_coaches
        for school in self.schools:
            leaders = 2 if school.student_count >= ASSISTANT_LEADER_FROM else 1
            mentors = max(1, school.student_count // STUDENTS_PER_MENTOR)
            school.leader_ids = [staff_id(next(counter)) for _ in range(leaders)]
            school.coach_id = staff_id(next(counter))
            school.mentor_ids = [staff_id(next(counter)) for _ in range(mentors)]
            non_teaching += leaders + 1 + mentors
        # Teachers share what is left of the educator head count in proportion to each school's classes,
        # but a school always has enough to staff its busiest period (and four, so caseloads have people).
        budget = max(0, preset.educators - non_teaching)
        class_counts = [s.class_count() for s in self.schools]
        shares = _split(budget, [max(c, 1) for c in class_counts])
        for school, share in zip(self.schools, shares, strict=True):
            teachers = max(share, school.most_classes_in_one_period(), 4)
            school.teacher_ids = [staff_id(next(counter)) for _ in range(teachers)]
        self.staff_count = next(counter) - 1

    def plan_classes(self, school: SchoolPlan) -> list[PlannedClass]:
        """The school's timetable: every student in six classes, one per period; one teacher per class.

        Recomputed from the seed whenever needed, so it need not be kept.
        """
        rng = self._rng("classes", school.index)
        classes: list[PlannedClass] = []
        serial = 0
        for grade in school.grades:
            members = school.students_by_grade[grade]
            cohorts = _cohorts(len(members))
            for slot, ((title, code, subject), period) in enumerate(
                zip(_subjects(school.level, grade), _grade_periods(grade), strict=True)
            ):
                # Each class of the day mixes the grade differently.
                shuffled = list(members)
                rng.shuffle(shuffled)
                course_code = f"{code}-{grade_code(grade)}"
                for c in range(cohorts):
                    serial += 1
                    letter = chr(ord("A") + c) if cohorts > 1 else ""
                    course_title = title if school.level == HIGH else f"{grade_label(grade)} {title}"
                    classes.append(PlannedClass(
                        sourced_id=f"cls-{school.index + 1:03d}-{serial:04d}",
                        course_code=course_code,
                        title=f"{course_title} - Period {period}{letter}",
                        code=f"{course_code}-P{period}{letter}",
                        subject=subject,
                        grade=grade,
                        period=period,
                        kind="homeroom" if school.level == ELEMENTARY and slot == 0 else "scheduled",
                        slot=slot,
                        teacher=-1,
                        students=shuffled[c::cohorts],
                    ))
        self._assign_teachers(school, classes)
        return classes

    @staticmethod
    def _assign_teachers(school: SchoolPlan, classes: list[PlannedClass]) -> None:
        """Fill teachers' days subject by subject, never two classes in one period for a teacher."""
        teachers = len(school.teacher_ids)
        cap = math.ceil(len(classes) / teachers) if teachers else 0
        busy: list[set[int]] = [set() for _ in range(teachers)]
        load = [0] * teachers
        current = 0
        for planned in sorted(classes, key=lambda c: (c.slot, c.grade, c.period, c.sourced_id)):
            chosen = -1
            for step in range(teachers):
                t = (current + step) % teachers
                if planned.period not in busy[t] and load[t] < cap:
                    chosen = t
                    break
            if chosen < 0:
                # Everyone with room is busy that period: someone free takes one class over the average.
                chosen = next(t for t in range(teachers) if planned.period not in busy[t])
            busy[chosen].add(planned.period)
            load[chosen] += 1
            planned.teacher = chosen
            current = chosen

    def _pick_demo_accounts(self) -> dict[str, str]:
        school = self.showcase
        classes = self.plan_classes(school)
        first_class = next(c for c in classes if c.teacher == 0 and c.students)
        student = first_class.students[0]
        household = self.households[self.student_household[student]]
        lead = self.lead_coach_ids[school.index // SCHOOLS_PER_LEAD_COACH]
        return {
            DEMO_STUDENT: student_id(student),
            DEMO_TEACHER: school.teacher_ids[0],
            DEMO_TEACHER_COACH: school.teacher_ids[1],
            DEMO_MENTOR: school.mentor_ids[0],
            DEMO_SITE_COACH: school.coach_id,
            DEMO_LEAD_COACH: lead,
            DEMO_LEADER: school.leader_ids[0],
            DEMO_ADMIN: self.admin_ids[0],
            DEMO_GUARDIAN: guardian_id(household.first_guardian),
        }

    # ------------------------------------------------------------------------------------------ the stream

    def records(self) -> Iterator[Record]:
        yield DistrictRec(DISTRICT_SOURCED_ID, DISTRICT_NAME, DISTRICT_SLUG)
        yield from self._sessions()
        for school in self.schools:
            yield SchoolRec(school.sourced_id, school.name, f"{900100 + school.index}", school.level,
                            tuple(grade_code(g) for g in school.grades))
        yield from self._courses()
        yield from self._people()
        yield from self._roles()
        for school in self.schools:
            yield from self._sections(school)
        serial = 0
        for school in self.schools:
            for rec in self._enrollments(school, serial):
                serial += 1
                yield rec
        yield from self._guardianships()
        yield from self._coaching()

    def _sessions(self) -> Iterator[SessionRec]:
        year = self.school_year
        title = f"{year - 1}-{year % 100:02d}"
        yield SessionRec(self.year_id, title, "schoolYear", dt.date(year - 1, 8, 17), dt.date(year, 6, 4), "", year)
        fall, spring = self.term_ids
        yield SessionRec(fall, f"Fall {year - 1}", "semester", dt.date(year - 1, 8, 17), dt.date(year - 1, 12, 18),
                         self.year_id, year)
        yield SessionRec(spring, f"Spring {year}", "semester", dt.date(year, 1, 5), dt.date(year, 6, 4),
                         self.year_id, year)

    def course_id(self, school: SchoolPlan, course_code: str) -> str:
        return f"crs-{school.index + 1:03d}-{course_code}"

    def _courses(self) -> Iterator[CourseRec]:
        for school in self.schools:
            for grade in school.grades:
                if not school.students_by_grade[grade]:
                    continue
                for title, code, subject in _subjects(school.level, grade):
                    course_code = f"{code}-{grade_code(grade)}"
                    course_title = title if school.level == HIGH else f"{grade_label(grade)} {title}"
                    yield CourseRec(self.course_id(school, course_code), school.sourced_id, self.year_id,
                                    course_title, course_code, grade_code(grade), subject)

    def _people(self) -> Iterator[PersonRec]:
        usernames = _Usernames()
        demo_by_id = {sid: key for key, sid in self.demo_ids.items()}
        staff_rng = self._rng("staff names")
        origins = list(ORIGINS)
        staff_weights = [STAFF_ORIGIN_WEIGHTS[o.key] for o in origins]

        def staff(sid: str, oneroster_role: str, org: str) -> PersonRec:
            origin = staff_rng.choices(origins, staff_weights)[0]
            given, family = staff_rng.choice(origin.given), staff_rng.choice(origin.family)
            username = usernames.make(given, family)
            demo = demo_by_id.get(sid, "")
            return PersonRec(
                sourced_id=sid, username=DEMO_USERNAMES[demo] if demo else username, given_name=given,
                family_name=family, email=f"{username}@{STAFF_DOMAIN}", identifier=f"E{sid[4:]}", grades="",
                birth_date=None, preferred_language="", oneroster_role=oneroster_role, org_sourced_ids=(org,),
                agent_sourced_ids=(), demo_account=demo,
            )

        for sid in self.admin_ids:
            yield staff(sid, "administrator", DISTRICT_SOURCED_ID)
        # Coaching is not part of a OneRoster feed: coaches and mentors are rostered as teachers.
        for sid in self.lead_coach_ids:
            yield staff(sid, "teacher", DISTRICT_SOURCED_ID)
        for school in self.schools:
            for sid in school.leader_ids:
                yield staff(sid, "administrator", school.sourced_id)
            yield staff(school.coach_id, "teacher", school.sourced_id)
            for sid in (*school.mentor_ids, *school.teacher_ids):
                yield staff(sid, "teacher", school.sourced_id)

        rng = self._rng("family names")
        for household in self.households:
            origin = household.origin
            guardians = [guardian_id(household.first_guardian + g) for g in range(household.guardians)]
            child_ids = [student_id(i) for i in household.students]
            for i, sid in zip(household.students, child_ids, strict=True):
                # Some children of immigrant families carry an American given name.
                pool = origin.given if origin.key == "us" or rng.random() < 0.8 else ORIGINS[0].given
                given = rng.choice(pool)
                username = usernames.make(given, household.family_name)
                demo = demo_by_id.get(sid, "")
                yield PersonRec(
                    sourced_id=sid, username=DEMO_USERNAMES[demo] if demo else username, given_name=given,
                    family_name=household.family_name, email=f"{username}@{STUDENT_DOMAIN}",
                    identifier=f"S{1_000_000 + i}", grades=grade_code(self.student_grade[i]),
                    birth_date=self._birth_date(rng, self.student_grade[i]), preferred_language="",
                    oneroster_role="student", org_sourced_ids=(self.schools[self.student_school[i]].sourced_id,),
                    agent_sourced_ids=tuple(guardians), demo_account=demo,
                )
            language = origin.language if origin.language and rng.random() < _LANGUAGE_SHARE else ""
            schools = tuple(sorted({self.schools[self.student_school[i]].sourced_id for i in household.students}))
            for g, sid in enumerate(guardians):
                family = household.family_name
                if g == 1 and rng.random() < _SECOND_GUARDIAN_OTHER_FAMILY_NAME:
                    family = rng.choice(origin.family)
                given = rng.choice(origin.given)
                username = usernames.make(given, family)
                demo = demo_by_id.get(sid, "")
                yield PersonRec(
                    sourced_id=sid, username=DEMO_USERNAMES[demo] if demo else username, given_name=given,
                    family_name=family, email=f"{username}@{rng.choice(FAMILY_DOMAINS)}", identifier="",
                    grades="", birth_date=None, preferred_language=language, oneroster_role="guardian",
                    org_sourced_ids=schools, agent_sourced_ids=tuple(child_ids), demo_account=demo,
                )

    def _birth_date(self, rng: random.Random, grade: int) -> dt.date:
        # Kindergarteners turn five by September 1 of the year school starts; no one is held back here.
        oldest = dt.date(self.school_year - 1 - 6 - grade, 9, 2)
        return oldest + dt.timedelta(days=rng.randrange(365))

    def _roles(self) -> Iterator[RoleRec]:
        for sid in self.admin_ids:
            yield RoleRec(sid, "district_admin", None, True)
        for sid in self.lead_coach_ids:
            yield RoleRec(sid, "lead_coach", None, False)
        for school in self.schools:
            for sid in school.leader_ids:
                yield RoleRec(sid, "school_leader", school.sourced_id, True)
            yield RoleRec(school.coach_id, "site_coach", school.sourced_id, False)
            for sid in school.mentor_ids:
                yield RoleRec(sid, "mentor", school.sourced_id, False)
            for sid in school.teacher_ids:
                yield RoleRec(sid, "teacher", school.sourced_id, True)
        # One teacher also coaches colleagues, to show a person holding two roles.
        yield RoleRec(self.demo_ids[DEMO_TEACHER_COACH], "site_coach", self.showcase.sourced_id, False)
        for i in range(self.student_count):
            yield RoleRec(student_id(i), "student", self.schools[self.student_school[i]].sourced_id, True)
        for g in range(self.guardian_count):
            yield RoleRec(guardian_id(g), "guardian", None, True)

    def _sections(self, school: SchoolPlan) -> Iterator[SectionRec]:
        for planned in self.plan_classes(school):
            yield SectionRec(
                sourced_id=planned.sourced_id, school_sourced_id=school.sourced_id,
                course_sourced_id=self.course_id(school, planned.course_code), title=planned.title,
                code=planned.code, kind=planned.kind, location=f"Room {101 + planned.teacher}",
                periods=str(planned.period), grades=grade_code(planned.grade), subjects=planned.subject,
                term_sourced_ids=self.term_ids,
            )

    def _enrollments(self, school: SchoolPlan, start: int) -> Iterator[EnrollmentRec]:
        serial = start
        for planned in self.plan_classes(school):
            serial += 1
            yield EnrollmentRec(f"enr-{serial:07d}", planned.sourced_id, school.sourced_id,
                                school.teacher_ids[planned.teacher], "teacher", True)
            for i in planned.students:
                serial += 1
                yield EnrollmentRec(f"enr-{serial:07d}", planned.sourced_id, school.sourced_id, student_id(i),
                                    "student", False)

    def _guardianships(self) -> Iterator[GuardianshipRec]:
        rng = self._rng("relationships")
        serial = 0
        for household in self.households:
            relationships = [rng.choice(RELATIONSHIPS) for _ in range(household.guardians)]
            for i in household.students:
                for g in range(household.guardians):
                    serial += 1
                    yield GuardianshipRec(f"gsh-{serial:06d}", guardian_id(household.first_guardian + g),
                                          student_id(i), relationships[g])

    def _coaching(self) -> Iterator[CoachingRec]:
        for lead_index, lead in enumerate(self.lead_coach_ids):
            group = self.schools[lead_index * SCHOOLS_PER_LEAD_COACH:(lead_index + 1) * SCHOOLS_PER_LEAD_COACH]
            for school in group:
                yield CoachingRec(lead, school.coach_id, "lead_to_site", school.sourced_id)
                if school is self.showcase:
                    yield CoachingRec(lead, self.demo_ids[DEMO_TEACHER_COACH], "lead_to_site", school.sourced_id)
        for school in self.schools:
            for teacher in school.teacher_ids[:COACH_CASELOAD]:
                yield CoachingRec(school.coach_id, teacher, "coach_to_teacher", school.sourced_id)
            if school is self.showcase:
                for teacher in school.teacher_ids[2:4]:
                    yield CoachingRec(self.demo_ids[DEMO_TEACHER_COACH], teacher, "coach_to_teacher",
                                      school.sourced_id)
            students = [i for g in school.grades for i in school.students_by_grade[g]]
            wanted = min(len(students), MENTOR_CASELOAD * len(school.mentor_ids))
            mentees = self._rng("mentees", school.index).sample(students, wanted)
            if school is self.showcase:
                demo_student = int(self.demo_ids[DEMO_STUDENT][4:])
                if demo_student in mentees:
                    mentees.remove(demo_student)
                mentees.insert(0, demo_student)
                mentees = mentees[:wanted]
            per_mentor = math.ceil(len(mentees) / len(school.mentor_ids)) if mentees else 0
            for m, mentor in enumerate(school.mentor_ids):
                for i in mentees[m * per_mentor:(m + 1) * per_mentor]:
                    yield CoachingRec(mentor, student_id(i), "mentor_to_student", school.sourced_id)
