"""What reading produces: problems, the compact per-record tuples, and what the database already holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    level: str
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"level": self.level, "text": str(self)}


@dataclass
class Roster:
    """What the files say, in compact tuples keyed by sourcedId (field order documented per dict)."""

    version: str = ""
    modes: dict[str, str] = field(default_factory=dict)  # entity -> "bulk" | "delta"
    absent: set[str] = field(default_factory=set)  # entities the manifest marks "absent"
    district_org: str | None = None
    district_org_name: str = ""
    # sid -> (name, identifier, status, modified)
    schools: dict[str, tuple] = field(default_factory=dict)
    # Orgs that are neither district nor school: sid -> line. One that classes, courses or enrollments use as
    # their school becomes a school (or hands its records to its parent school) while reading.
    skipped_orgs: dict[str, int] = field(default_factory=dict)
    # sid -> (title, kind, starts_on, ends_on, parent_sid, school_year, status, modified)
    sessions: dict[str, tuple] = field(default_factory=dict)
    # sid -> (school_sid, title, code, grades, subjects, year_sid, status, modified)
    courses: dict[str, tuple] = field(default_factory=dict)
    # sid -> (school_sid, course_sid, title, code, kind, location, periods, grades, subjects, status, modified)
    classes: dict[str, tuple] = field(default_factory=dict)
    class_terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # sid -> (username, email, given, family, middle, preferred, identifier, grades, phone, enabled, status, mod)
    users: dict[str, tuple] = field(default_factory=dict)
    user_lines: dict[str, int] = field(default_factory=dict)
    # user sid -> set of (spec role, org sid)
    user_roles: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    agents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    birth_dates: dict[str, dt.date | None] = field(default_factory=dict)
    profiles: int = 0
    # sid -> (section_sid, user_sid, school_sid, role, primary, begins_on, ends_on, status, modified)
    enrollments: dict[str, tuple] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


@dataclass
class Known:
    """sourcedIds already in the database for this district (references may point at them in delta files)."""

    schools: set[str] = field(default_factory=set)
    sessions: set[str] = field(default_factory=set)
    courses: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    users: set[str] = field(default_factory=set)
    students: set[str] = field(default_factory=set)  # users holding a student role
    staff: set[str] = field(default_factory=set)  # users holding a teaching or leading role
