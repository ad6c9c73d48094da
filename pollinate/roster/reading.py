"""Reading and checking a OneRoster 1.1 / 1.2 CSV set, without touching the database's rows.

Everything is checked before anything is written: this module turns the files into compact per-record
tuples keyed by sourcedId plus a list of problems (``file:line: column: message``). Files are streamed
row by row (``csv.DictReader`` over a text wrapper); nothing keeps a whole file in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

ERROR = "error"
WARNING = "warning"
MAX_PROBLEMS = 10_000

ACTIVE = "active"
INACTIVE = "inactive"

# Spec column names per file (1.1 and 1.2 together). Anything else must be an extension column (metadata.*).
COLUMNS: dict[str, tuple[str, ...]] = {
    "orgs": ("sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"),
    "academicSessions": (
        "sourcedId",
        "status",
        "dateLastModified",
        "title",
        "type",
        "startDate",
        "endDate",
        "parentSourcedId",
        "schoolYear",
    ),
    "courses": (
        "sourcedId",
        "status",
        "dateLastModified",
        "schoolYearSourcedId",
        "title",
        "courseCode",
        "grades",
        "orgSourcedId",
        "subjects",
        "subjectCodes",
    ),
    "classes": (
        "sourcedId",
        "status",
        "dateLastModified",
        "title",
        "grades",
        "courseSourcedId",
        "classCode",
        "classType",
        "location",
        "schoolSourcedId",
        "termSourcedIds",
        "subjects",
        "subjectCodes",
        "periods",
    ),
    "users": (
        "sourcedId",
        "status",
        "dateLastModified",
        "enabledUser",
        "orgSourcedIds",
        "role",
        "username",
        "userIds",
        "givenName",
        "familyName",
        "middleName",
        "identifier",
        "email",
        "sms",
        "phone",
        "agentSourcedIds",
        "grades",
        "password",
        "userMasterIdentifier",
        "resourceSourcedIds",
        "preferredGivenName",
        "preferredMiddleName",
        "preferredFamilyName",
        "primaryOrgSourcedId",
        "pronouns",
    ),
    "roles": (
        "sourcedId",
        "status",
        "dateLastModified",
        "userSourcedId",
        "roleType",
        "role",
        "beginDate",
        "endDate",
        "orgSourcedId",
        "userProfileSourcedId",
    ),
    "demographics": (
        "sourcedId",
        "status",
        "dateLastModified",
        "birthDate",
        "sex",
        "americanIndianOrAlaskaNative",
        "asian",
        "blackOrAfricanAmerican",
        "nativeHawaiianOrOtherPacificIslander",
        "white",
        "demographicRaceTwoOrMoreRaces",
        "hispanicOrLatinoEthnicity",
        "countryOfBirthCode",
        "stateOfBirthAbbreviation",
        "cityOfBirth",
        "publicSchoolResidenceStatus",
    ),
    "userProfiles": (
        "sourcedId",
        "status",
        "dateLastModified",
        "userSourcedId",
        "profileType",
        "vendorId",
        "applicationId",
        "description",
        "credentialType",
        "username",
        "password",
    ),
    "enrollments": (
        "sourcedId",
        "status",
        "dateLastModified",
        "classSourcedId",
        "schoolSourcedId",
        "userSourcedId",
        "role",
        "primary",
        "beginDate",
        "endDate",
    ),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "orgs": ("sourcedId", "name", "type"),
    "academicSessions": ("sourcedId", "title", "type", "startDate", "endDate", "schoolYear"),
    "courses": ("sourcedId", "title", "orgSourcedId"),
    "classes": ("sourcedId", "title", "courseSourcedId", "classType", "schoolSourcedId", "termSourcedIds"),
    "users": ("sourcedId", "enabledUser", "username", "givenName", "familyName"),
    "roles": ("sourcedId", "userSourcedId", "role", "orgSourcedId"),
    "demographics": ("sourcedId",),
    "userProfiles": ("sourcedId", "userSourcedId"),
    "enrollments": ("sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"),
}
# Reading order: every file only refers to files read before it (or to itself).
ORDER = (
    "orgs",
    "academicSessions",
    "courses",
    "classes",
    "users",
    "roles",
    "demographics",
    "userProfiles",
    "enrollments",
)
# Files of the spec that Pollinate does not import (gradebook, resources).
NOT_IMPORTED = (
    "categories",
    "classResources",
    "courseResources",
    "lineItems",
    "resources",
    "results",
    "userResources",
    "lineItemLearningObjectiveIds",
    "lineItemScoreScales",
    "resultLearningObjectiveIds",
    "resultScoreScales",
    "scoreScales",
)
MANIFEST_KEYS = ("manifest.version", "oneroster.version", "source.systemName", "source.systemCode")

ORG_TYPES = ("district", "school", "department", "local", "state", "national")
SESSION_TYPES = ("gradingPeriod", "semester", "schoolYear", "term")
CLASS_TYPES = ("homeroom", "scheduled")
ENROLLMENT_ROLES = ("student", "teacher", "aide", "administrator", "proctor")
GUARDIAN_ROLES = ("parent", "guardian", "relative")
LEADER_ROLES = ("administrator", "siteAdministrator", "principal")
# Roles of the spec that give no Pollinate role (the person is imported and may sign in).
NO_ROLE = ("proctor", "counselor", "systemAdministrator", "extAdmin", "extStaff")
USER_ROLES = ("student", "teacher", "aide", "districtAdministrator", *LEADER_ROLES, *GUARDIAN_ROLES, *NO_ROLE)
STAFF_ROLES = (
    "teacher",
    "aide",
    "districtAdministrator",
    *LEADER_ROLES,
    "proctor",
    "counselor",
    "systemAdministrator",
    "extAdmin",
    "extStaff",
)


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
    district_org: str | None = None
    district_org_name: str = ""
    # sid -> (name, identifier, status, modified)
    schools: dict[str, tuple] = field(default_factory=dict)
    skipped_orgs: dict[str, int] = field(default_factory=dict)  # sid -> line
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


class Source:
    """A OneRoster set in a folder or a .zip (files at the root or in one folder inside)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, str] = {}
        if self.path.is_dir():
            self._members = {p.name: str(p) for p in self.path.iterdir() if p.is_file()}
        else:
            self._zip = zipfile.ZipFile(self.path)
            names = [n for n in self._zip.namelist() if not n.endswith("/") and "__MACOSX" not in n]
            prefix = ""
            if "manifest.csv" not in names:
                nested = [n for n in names if n.endswith("/manifest.csv")]
                if len(nested) == 1:
                    prefix = nested[0][: -len("manifest.csv")]
            self._members = {n[len(prefix) :]: n for n in names if n.startswith(prefix) and "/" not in n[len(prefix) :]}

    def names(self) -> list[str]:
        return sorted(self._members)

    def open_binary(self, name: str) -> IO[bytes]:
        if self._zip is not None:
            return self._zip.open(self._members[name])
        return open(self._members[name], "rb")

    def count_lines(self, name: str) -> int:
        count = 0
        with self.open_binary(name) as fh:
            while chunk := fh.read(1 << 20):
                count += chunk.count(b"\n")
        return count

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


def is_zip(fh: IO[bytes]) -> bool:
    return zipfile.is_zipfile(fh)


class Reader:
    """Reads one set. ``problems`` collects errors and warnings; ``roster`` the records."""

    def __init__(self, source: Source, known: Known, progress: Callable[[str, int], None] | None = None) -> None:
        self.source = source
        self.known = known
        self.roster = Roster()
        self.problems: list[Problem] = []
        self.error_count = 0
        self.warning_count = 0
        self._progress = progress or (lambda name, rows: None)
        self._intern: dict[str, str] = {}
        # sourcedIds seen per file, valid or not, and files whose header was unusable: a reference to a row
        # that has its own error (or sits in an unreadable file) is not reported a second time.
        self.seen: dict[str, set[str]] = {}
        self._users_have_role = False
        self.unreadable: set[str] = set()

    # -- problems ---------------------------------------------------------------------------------------
    def error(self, file: str, line: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(ERROR, file, line, column, message))

    def warn(self, file: str, line: int, column: str, message: str) -> None:
        self.warning_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(WARNING, file, line, column, message))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    # -- the whole set ---------------------------------------------------------------------------------
    def read(self) -> Roster:
        names = set(self.source.names())
        if "manifest.csv" not in names:
            self.error("manifest.csv", 1, "-", _("the set has no manifest.csv; export the whole OneRoster set"))
            return self.roster
        self._read_manifest()
        expected = {f"{entity}.csv" for entity in self.roster.modes}
        for name in sorted(names - expected - {"manifest.csv"}):
            if not name.lower().endswith(".csv"):
                continue
            stem = name[:-4]
            lower = {e.lower(): e for e in (*ORDER, *NOT_IMPORTED)}
            if stem in ORDER or stem in NOT_IMPORTED:
                self.warn(name, 1, "-", _("not listed as bulk or delta in manifest.csv; ignored"))
            elif stem.lower() in lower:
                self.error(
                    name,
                    1,
                    "-",
                    _('file names are case-sensitive; rename it to "%(name)s.csv"') % {"name": lower[stem.lower()]},
                )
            else:
                self.warn(name, 1, "-", _("not a OneRoster file; ignored"))
        for entity in ORDER:
            if entity in self.roster.modes:
                name = f"{entity}.csv"
                if name not in names:
                    self.unreadable.add(entity)
                    self.error(
                        name,
                        1,
                        "-",
                        _("manifest.csv lists this file as %(mode)s but it is missing")
                        % {"mode": self.roster.modes[entity]},
                    )
                    continue
                getattr(self, f"_read_{entity}")(name)
        self._check_agents()
        users_without_roles = self.roster.modes.get("users") == "bulk" and not self._users_have_role
        if users_without_roles and "roles" not in self.roster.modes and self.roster.users:
            self.error(
                "users.csv",
                1,
                "role",
                _("no roles: add a role column (OneRoster 1.1) or a roles.csv file (OneRoster 1.2)"),
            )
        return self.roster

    def _check_agents(self) -> None:
        """Agent links become guardianships only between a parent/guardian/relative and a student."""
        roles = self.roster.user_roles

        def kinds(user: str) -> set[str]:
            return {role for role, _org in roles.get(user, ())}

        for user, agents in self.roster.agents.items():
            mine = kinds(user)
            for agent in agents:
                theirs = kinds(agent)
                if not theirs:
                    continue
                guardian_link = (mine & set(GUARDIAN_ROLES) and "student" in theirs) or (
                    "student" in mine and theirs & set(GUARDIAN_ROLES)
                )
                if not guardian_link:
                    self.warn(
                        "users.csv",
                        self.roster.user_lines[user],
                        "agentSourcedIds",
                        _(
                            '"%(a)s" is not a parent, guardian or relative of this student (or the other way round); '
                            "the link is ignored"
                        )
                        % {"a": agent},
                    )

    def _read_manifest(self) -> None:
        name = "manifest.csv"
        for line, row in self._rows(name, ("propertyName", "value"), ("propertyName", "value")):
            key = (row.get("propertyName") or "").strip()
            value = (row.get("value") or "").strip()
            if not value:
                if key.startswith("file."):
                    self.unreadable.add(key[5:])
                self.error(
                    name,
                    line,
                    "value",
                    _('"%(key)s" has no value; use bulk, delta or absent') % {"key": key}
                    if key.startswith("file.")
                    else _('"%(key)s" has no value') % {"key": key},
                )
                continue
            if key == "oneroster.version":
                self.roster.version = value
                if value not in ("1.0", "1.1", "1.2"):
                    self.error(
                        name,
                        line,
                        "value",
                        _('OneRoster version "%(v)s" is not supported; use 1.1 or 1.2') % {"v": value},
                    )
            elif key.startswith("file."):
                entity = key[5:]
                if value not in ("bulk", "delta", "absent"):
                    self.error(
                        name, line, "value", _('"%(v)s" is not a file mode; use bulk, delta or absent') % {"v": value}
                    )
                elif entity in ORDER:
                    if value != "absent":
                        self.roster.modes[entity] = value
                elif entity in NOT_IMPORTED:
                    if value != "absent":
                        self.warn(
                            name,
                            line,
                            "value",
                            _("%(e)s.csv is not imported (gradebook and resources are not part of rostering); ignored")
                            % {"e": entity},
                        )
                else:
                    self.warn(name, line, "propertyName", _('unknown file "%(key)s"; ignored') % {"key": key})
            elif key not in MANIFEST_KEYS:
                self.warn(name, line, "propertyName", _('unknown property "%(key)s"; ignored') % {"key": key})

    # -- streaming --------------------------------------------------------------------------------------
    def _rows(self, name: str, known: tuple[str, ...], required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
        with self.source.open_binary(name) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            reader = csv.DictReader(text)
            line = 1
            try:
                header = reader.fieldnames
                if not header:
                    self.unreadable.add(name[:-4])
                    self.error(name, 1, "-", _("the file is empty; it needs at least the header row"))
                    return
                if not self._check_header(name, header, known, required):
                    self.unreadable.add(name[:-4])
                    return
                count = 0
                for row in reader:
                    line = reader.line_num
                    count += 1
                    if count % 5000 == 0:
                        self._progress(name, 5000)
                    yield line, row
                self._progress(name, count % 5000)
                self.roster.rows[name] = count
            except UnicodeDecodeError:
                self.unreadable.add(name[:-4])
                line = self._bad_line(name) - 1
                self.error(name, line + 1, "-", _('the file is not UTF-8 text; save it as "CSV UTF-8" and try again'))
            except csv.Error as exc:
                self.error(name, line + 1, "-", _("the file is not valid CSV (%(err)s)") % {"err": exc})

    def _bad_line(self, name: str) -> int:
        """The first line that is not UTF-8 (the text wrapper decodes in blocks, so it cannot say)."""
        with self.source.open_binary(name) as raw:
            for number, data in enumerate(raw, start=1):
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    return number
        return 1

    def _check_header(self, name: str, header: list[str], known: tuple[str, ...], required: tuple[str, ...]) -> bool:
        ok = True
        seen: set[str] = set()
        for index, column in enumerate(header, start=1):
            if column in seen and column:
                self.error(name, 1, column, _("this column appears twice"))
                ok = False
            seen.add(column)
            if column in known or column.startswith("metadata."):
                continue
            if column == "":
                self.warn(name, 1, f"column {index}", _("a column without a name; ignored (remove empty columns)"))
                continue
            close = difflib.get_close_matches(column, known, n=1, cutoff=0.75)
            hint = close[0] if close else next((k for k in known if k.lower() == column.lower()), None)
            # Reported, but the rows are still read so every other problem is listed too.
            if hint:
                self.error(
                    name,
                    1,
                    column,
                    _('unknown column; did you mean "%(hint)s"? (names are case-sensitive)') % {"hint": hint},
                )
            else:
                self.error(name, 1, column, _("unknown column; extension columns must start with metadata."))
        for column in required:
            if column not in seen:
                self.error(name, 1, column, _("required column is missing"))
                ok = False
        return ok

    # -- value helpers ------------------------------------------------------------------------------------
    def _i(self, value: str) -> str:
        return self._intern.setdefault(value, value)

    def _common(self, name: str, line: int, row: dict, entity: str) -> tuple[str, dt.datetime | None] | None:
        """Return (status, modified) or None when the row is unusable."""
        status = (row.get("status") or "").strip()
        mode = self.roster.modes.get(entity)
        if status in ("", "active"):
            status = ACTIVE
        elif status in ("tobedeleted", "inactive"):
            if mode == "bulk":
                self._once(
                    name,
                    "status",
                    _("bulk files should not carry a status; rows marked %(s)s are imported as inactive")
                    % {"s": status},
                )
            status = INACTIVE
        else:
            self.error(name, line, "status", _('"%(v)s" is not a status; use active or tobedeleted') % {"v": status})
            return None
        modified_raw = (row.get("dateLastModified") or "").strip()
        modified = None
        if modified_raw:
            modified = self._datetime(name, line, "dateLastModified", modified_raw)
            if modified is False:
                return None
        return status, modified

    _warned: set[tuple[str, str]]

    def _once(self, name: str, column: str, message: str) -> None:
        if not hasattr(self, "_warned"):
            self._warned = set()
        if (name, column) not in self._warned:
            self._warned.add((name, column))
            self.warn(name, 1, column, message)

    def _datetime(self, name: str, line: int, column: str, value: str) -> Any:
        try:
            if len(value) == 10:
                parsed = dt.datetime.fromisoformat(value)
                self._once(
                    name,
                    column,
                    _("dates without a time are read as midnight UTC; the spec wants YYYY-MM-DDThh:mm:ss.sssZ"),
                )
            else:
                parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            self.error(
                name, line, column, _('"%(v)s" is not a date and time; use YYYY-MM-DDThh:mm:ss.sssZ') % {"v": value}
            )
            return False
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.UTC)
        return parsed.astimezone(dt.UTC)

    def _date(self, name: str, line: int, column: str, value: str, required: bool = False) -> Any:
        if not value:
            if required:
                self.error(name, line, column, _("a date is required; use YYYY-MM-DD"))
                return False
            return None
        try:
            if len(value) != 10:
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            self.error(name, line, column, _('"%(v)s" is not a date; use YYYY-MM-DD') % {"v": value})
            return False

    def _required(self, name: str, line: int, row: dict, column: str) -> str | None:
        value = (row.get(column) or "").strip()
        if column == "sourcedId" and value:
            self.seen.setdefault(name[:-4], set()).add(value)
        if not value:
            self.error(name, line, column, _("a value is required"))
            return None
        return value

    def _enum(self, name: str, line: int, column: str, value: str, allowed: tuple[str, ...]) -> str | None:
        if value in allowed:
            return value
        folded = {a.lower(): a for a in allowed}
        if value.lower() in folded:
            self._once(
                name,
                column,
                _('values are case-sensitive; "%(v)s" was read as "%(a)s"') % {"v": value, "a": folded[value.lower()]},
            )
            return folded[value.lower()]
        self.error(
            name, line, column, _('"%(v)s" is not allowed; use one of: %(a)s') % {"v": value, "a": ", ".join(allowed)}
        )
        return None

    def _unique(self, name: str, line: int, sid: str, target: dict, lines: dict[str, int]) -> bool:
        if sid in lines:
            self.error(
                name,
                line,
                "sourcedId",
                _('"%(sid)s" is used twice (also on line %(other)s)') % {"sid": sid, "other": lines[sid]},
            )
            return False
        lines[sid] = line
        return True

    @staticmethod
    def _list(value: str | None) -> tuple[str, ...]:
        return tuple(v.strip() for v in (value or "").split(",") if v.strip())

    # -- files --------------------------------------------------------------------------------------------
    def _read_orgs(self, name: str) -> None:
        lines: dict[str, int] = {}
        parents: list[tuple[int, str]] = []
        for line, row in self._rows(name, COLUMNS["orgs"], REQUIRED["orgs"]):
            sid = self._required(name, line, row, "sourcedId")
            org_name = self._required(name, line, row, "name")
            kind = self._required(name, line, row, "type")
            common = self._common(name, line, row, "orgs")
            if not (sid and org_name and kind and common) or not self._unique(name, line, sid, {}, lines):
                continue
            kind = self._enum(name, line, "type", kind, ORG_TYPES)
            if kind is None:
                continue
            parent = (row.get("parentSourcedId") or "").strip()
            if parent:
                parents.append((line, parent))
            if kind == "district":
                if self.roster.district_org is not None:
                    self.error(name, line, "type", _("a second district org; a set holds one district"))
                    continue
                self.roster.district_org = sid
                self.roster.district_org_name = org_name
            elif kind == "school":
                identifier = (row.get("identifier") or "").strip()
                self.roster.schools[sid] = (org_name[:255], identifier[:255], *common)
            else:
                self.roster.skipped_orgs[sid] = line
                self.warn(name, line, "type", _('"%(t)s" orgs are not imported; skipped') % {"t": kind})
        for line, parent in parents:
            if parent not in lines and parent not in self.known.schools:
                self.warn(
                    name, line, "parentSourcedId", _('"%(p)s" is not in orgs.csv; the link is ignored') % {"p": parent}
                )

    def _school_ref(self, name: str, line: int, column: str, sid: str) -> bool:
        if sid in self.roster.schools or (sid in self.known.schools and self.roster.modes.get("orgs") != "bulk"):
            return True
        if "orgs" in self.unreadable or (sid in self.seen.get("orgs", ()) and sid not in self.roster.skipped_orgs):
            return False
        if sid in self.roster.skipped_orgs:
            self.error(
                name,
                line,
                column,
                _('"%(s)s" is not a school (orgs.csv line %(l)s); classes and courses must belong to a school org')
                % {"s": sid, "l": self.roster.skipped_orgs[sid]},
            )
        elif sid == self.roster.district_org:
            self.error(name, line, column, _('"%(s)s" is the district, not a school') % {"s": sid})
        else:
            self.error(name, line, column, _('"%(s)s" is not a school in orgs.csv') % {"s": sid})
        return False

    def _has(self, entity: str, sid: str, own: dict, known: set[str]) -> bool:
        return (
            sid in own
            or (sid in known and self.roster.modes.get(entity) != "bulk")
            or entity in self.unreadable
            or sid in self.seen.get(entity, ())
        )

    def _read_academicSessions(self, name: str) -> None:
        lines: dict[str, int] = {}
        parents: list[tuple[int, str, str]] = []
        for line, row in self._rows(name, COLUMNS["academicSessions"], REQUIRED["academicSessions"]):
            sid = self._required(name, line, row, "sourcedId")
            title = self._required(name, line, row, "title")
            kind = self._required(name, line, row, "type")
            common = self._common(name, line, row, "academicSessions")
            starts = self._date(name, line, "startDate", (row.get("startDate") or "").strip(), required=True)
            ends = self._date(name, line, "endDate", (row.get("endDate") or "").strip(), required=True)
            year_raw = (row.get("schoolYear") or "").strip()
            year = int(year_raw) if len(year_raw) == 4 and year_raw.isdigit() else None
            if year is None:
                self.error(
                    name, line, "schoolYear", _('"%(v)s" is not a year; use four digits like 2024') % {"v": year_raw}
                )
            if kind:
                kind = self._enum(name, line, "type", kind, SESSION_TYPES)
            if starts and ends and ends < starts:
                self.error(name, line, "endDate", _("ends (%(e)s) before it starts (%(s)s)") % {"e": ends, "s": starts})
                continue
            if not (sid and title and kind and common and starts and ends and year):
                continue
            if not self._unique(name, line, sid, {}, lines):
                continue
            parent = (row.get("parentSourcedId") or "").strip()
            if parent:
                parents.append((line, sid, parent))
            self.roster.sessions[sid] = (title[:255], kind, starts, ends, None, year, *common)
        for line, sid, parent in parents:
            if self._has("academicSessions", parent, self.roster.sessions, self.known.sessions):
                values = self.roster.sessions[sid]
                self.roster.sessions[sid] = (*values[:4], parent, *values[5:])
            else:
                self.warn(
                    name,
                    line,
                    "parentSourcedId",
                    _('"%(p)s" is not in academicSessions.csv; the session is imported without a parent')
                    % {"p": parent},
                )

    def _read_courses(self, name: str) -> None:
        lines: dict[str, int] = {}
        for line, row in self._rows(name, COLUMNS["courses"], REQUIRED["courses"]):
            sid = self._required(name, line, row, "sourcedId")
            title = self._required(name, line, row, "title")
            org = self._required(name, line, row, "orgSourcedId")
            common = self._common(name, line, row, "courses")
            if org and not self._school_ref(name, line, "orgSourcedId", org):
                org = None
            year = (row.get("schoolYearSourcedId") or "").strip() or None
            if year and not self._has("academicSessions", year, self.roster.sessions, self.known.sessions):
                self.error(name, line, "schoolYearSourcedId", _('"%(s)s" is not in academicSessions.csv') % {"s": year})
                year = None
                org = None
            if not (sid and title and org and common) or not self._unique(name, line, sid, {}, lines):
                continue
            self.roster.courses[sid] = (
                self._i(org),
                title[:255],
                (row.get("courseCode") or "").strip()[:255],
                (row.get("grades") or "").strip()[:255],
                (row.get("subjects") or "").strip()[:255],
                year,
                *common,
            )

    def _read_classes(self, name: str) -> None:
        lines: dict[str, int] = {}
        for line, row in self._rows(name, COLUMNS["classes"], REQUIRED["classes"]):
            sid = self._required(name, line, row, "sourcedId")
            title = self._required(name, line, row, "title")
            school = self._required(name, line, row, "schoolSourcedId")
            course = self._required(name, line, row, "courseSourcedId")
            kind = self._required(name, line, row, "classType")
            common = self._common(name, line, row, "classes")
            ok = bool(sid and title and school and course and kind and common)
            if school and not self._school_ref(name, line, "schoolSourcedId", school):
                ok = False
            if course and not self._has("courses", course, self.roster.courses, self.known.courses):
                self.error(name, line, "courseSourcedId", _('"%(s)s" is not in courses.csv') % {"s": course})
                ok = False
            if kind:
                kind = self._enum(name, line, "classType", kind, CLASS_TYPES)
                ok = ok and kind is not None
            terms = self._list(row.get("termSourcedIds"))
            if not terms:
                self.error(name, line, "termSourcedIds", _("a class needs at least one term"))
                ok = False
            for term in terms:
                if not self._has("academicSessions", term, self.roster.sessions, self.known.sessions):
                    self.error(name, line, "termSourcedIds", _('"%(s)s" is not in academicSessions.csv') % {"s": term})
                    ok = False
            if not ok or not self._unique(name, line, sid, {}, lines):
                continue
            self.roster.classes[sid] = (
                self._i(school),
                self._i(course),
                title[:255],
                (row.get("classCode") or "").strip()[:255],
                kind,
                (row.get("location") or "").strip()[:255],
                (row.get("periods") or "").strip()[:255],
                (row.get("grades") or "").strip()[:255],
                (row.get("subjects") or "").strip()[:255],
                *common,
            )
            self.roster.class_terms[sid] = tuple(self._i(t) for t in terms)

    def _user_role(self, name: str, line: int, user: str, role: str, org: str) -> None:
        role = self._enum(name, line, "role", role, USER_ROLES) or ""
        if not role:
            return
        if (
            org
            and org != self.roster.district_org
            and not self._has("orgs", org, self.roster.schools, self.known.schools)
        ):
            if org in self.roster.skipped_orgs:
                self._once(
                    name,
                    "orgSourcedIds",
                    _("roles at department, local, state or national orgs are given at district level"),
                )
                org = ""
            else:
                self.error(
                    name,
                    line,
                    "orgSourcedIds" if name == "users.csv" else "orgSourcedId",
                    _('"%(s)s" is not in orgs.csv') % {"s": org},
                )
                return
        if org == self.roster.district_org:
            org = ""
        if role in NO_ROLE:
            self._once(
                name,
                "role",
                _(
                    "proctors, counselors and system or external administrators are imported "
                    "without a Pollinate role; grant one by hand if needed"
                ),
            )
        self.roster.user_roles.setdefault(user, set()).add((role, self._i(org)))

    def _read_users(self, name: str) -> None:
        lines = self.roster.user_lines
        usernames: dict[str, int] = {}
        self._users_have_role = False
        for line, row in self._rows(name, COLUMNS["users"], REQUIRED["users"]):
            self._users_have_role = self._users_have_role or "role" in row
            sid = self._required(name, line, row, "sourcedId")
            given = self._required(name, line, row, "givenName")
            common = self._common(name, line, row, "users")
            enabled_raw = (row.get("enabledUser") or "").strip().lower()
            if enabled_raw not in ("true", "false", ""):
                self.error(name, line, "enabledUser", _('"%(v)s" is not true or false') % {"v": row["enabledUser"]})
                continue
            if not (sid and given and common) or not self._unique(name, line, sid, {}, lines):
                continue
            username = (row.get("username") or "").strip() or sid
            if len(username) > 150:
                self.error(name, line, "username", _("longer than 150 characters"))
                continue
            if username in usernames:
                self.error(
                    name,
                    line,
                    "username",
                    _('"%(u)s" is also used on line %(l)s; usernames must be unique')
                    % {"u": username, "l": usernames[username]},
                )
                continue
            usernames[username] = line
            email = (row.get("email") or "").strip()
            if email and ("@" not in email or len(email) > 254 or " " in email):
                self.warn(name, line, "email", _('"%(v)s" is not an email address; left empty') % {"v": email})
                email = ""
            if row.get("password"):
                self._once(
                    name,
                    "password",
                    _("passwords in the file are ignored; people sign in by invitation or single sign-on"),
                )
            if "role" in row:
                role = (row.get("role") or "").strip()
                if not role:
                    self.error(name, line, "role", _("a value is required"))
                    continue
                orgs = self._list(row.get("orgSourcedIds"))
                for org in orgs or ("",):
                    self._user_role(name, line, sid, role, org)
            agents = self._list(row.get("agentSourcedIds"))
            if agents:
                self.roster.agents[sid] = tuple(self._i(a) for a in agents)
            self.roster.users[sid] = (
                username,
                email,
                given[:150],
                (row.get("familyName") or "").strip()[:150],
                (row.get("middleName") or "").strip()[:150],
                (row.get("preferredGivenName") or "").strip()[:150],
                (row.get("identifier") or "").strip()[:255],
                (row.get("grades") or "").strip()[:255],
                (row.get("phone") or "").strip()[:64],
                enabled_raw != "false",
                *common,
            )
        self._usernames = usernames
        for sid, agents in self.roster.agents.items():
            for agent in agents:
                if not self._has("users", agent, self.roster.users, self.known.users):
                    self.error(name, lines[sid], "agentSourcedIds", _('"%(s)s" is not in users.csv') % {"s": agent})

    def _read_roles(self, name: str) -> None:
        if any(r for r in self.roster.user_roles):
            self.warn(name, 1, "-", _("users.csv also has a role column; roles from both are combined"))
        lines: dict[str, int] = {}
        for line, row in self._rows(name, COLUMNS["roles"], REQUIRED["roles"]):
            sid = self._required(name, line, row, "sourcedId")
            user = self._required(name, line, row, "userSourcedId")
            role = self._required(name, line, row, "role")
            org = self._required(name, line, row, "orgSourcedId")
            common = self._common(name, line, row, "roles")
            for column in ("beginDate", "endDate"):
                if self._date(name, line, column, (row.get(column) or "").strip()) is False:
                    common = None
            if not (sid and user and role and org and common) or not self._unique(name, line, sid, {}, lines):
                continue
            if not self._has("users", user, self.roster.users, self.known.users):
                self.error(name, line, "userSourcedId", _('"%(s)s" is not in users.csv') % {"s": user})
                continue
            if common[0] == ACTIVE:
                self._user_role(name, line, user, role, org)

    def _read_demographics(self, name: str) -> None:
        lines: dict[str, int] = {}
        for line, row in self._rows(name, COLUMNS["demographics"], REQUIRED["demographics"]):
            sid = self._required(name, line, row, "sourcedId")
            common = self._common(name, line, row, "demographics")
            birth = self._date(name, line, "birthDate", (row.get("birthDate") or "").strip())
            if not (sid and common) or birth is False or not self._unique(name, line, sid, {}, lines):
                continue
            if not self._has("users", sid, self.roster.users, self.known.users):
                self.error(
                    name,
                    line,
                    "sourcedId",
                    _('"%(s)s" is not in users.csv (demographics rows share the user\'s sourcedId)') % {"s": sid},
                )
                continue
            self.roster.birth_dates[sid] = birth if common[0] == ACTIVE else None

    def _read_userProfiles(self, name: str) -> None:
        for line, row in self._rows(name, COLUMNS["userProfiles"], REQUIRED["userProfiles"]):
            user = (row.get("userSourcedId") or "").strip()
            if user and not self._has("users", user, self.roster.users, self.known.users):
                self.error(name, line, "userSourcedId", _('"%(s)s" is not in users.csv') % {"s": user})
            self.roster.profiles += 1
        if self.roster.profiles:
            self.warn(
                name,
                1,
                "-",
                _(
                    "%(n)s user profiles counted, not stored: credentials for other applications "
                    "are not kept in Pollinate"
                )
                % {"n": self.roster.profiles},
            )

    def _person_kind(self, user: str) -> tuple[bool, bool]:
        roles = self.roster.user_roles.get(user)
        if user not in self.roster.users and (user in self.seen.get("users", ()) or "users" in self.unreadable):
            return True, True  # that row has its own error already
        if roles is None and user in self.roster.users:
            return True, True  # no role for this person at all: reported once for the file, not per enrollment
        if roles is None and user not in self.roster.users:
            return user in self.known.students, user in self.known.staff or user not in self.known.students
        spec = {r for r, _o in roles or ()}
        return "student" in spec, bool(spec & set(STAFF_ROLES))

    def _read_enrollments(self, name: str) -> None:
        lines: dict[str, int] = {}
        users, classes = self.roster.users, self.roster.classes
        kinds: dict[str, tuple[bool, bool]] = {}
        for line, row in self._rows(name, COLUMNS["enrollments"], REQUIRED["enrollments"]):
            sid = row.get("sourcedId") or ""
            section = row.get("classSourcedId") or ""
            if sid:
                self.seen.setdefault("enrollments", set()).add(sid)
            user = row.get("userSourcedId") or ""
            school = row.get("schoolSourcedId") or ""
            role = row.get("role") or ""
            if not (sid and section and user and school and role):
                for column in ("sourcedId", "classSourcedId", "userSourcedId", "schoolSourcedId", "role"):
                    if not row.get(column):
                        self.error(name, line, column, _("a value is required"))
                continue
            common = self._common(name, line, row, "enrollments")
            ok = common is not None
            if role not in ENROLLMENT_ROLES:
                role = self._enum(name, line, "role", role, ENROLLMENT_ROLES) or ""
                ok = ok and bool(role)
            if section not in classes and not self._has("classes", section, classes, self.known.classes):
                self.error(name, line, "classSourcedId", _('"%(s)s" is not in classes.csv') % {"s": section})
                ok = False
            user_found = user in users or self._has("users", user, users, self.known.users)
            if not user_found:
                self.error(name, line, "userSourcedId", _('"%(s)s" is not in users.csv') % {"s": user})
                ok = False
            if school not in self.roster.schools and not self._school_ref(name, line, "schoolSourcedId", school):
                ok = False
            primary_raw = (row.get("primary") or "").strip().lower()
            if primary_raw not in ("true", "false", ""):
                self.error(name, line, "primary", _('"%(v)s" is not true or false') % {"v": row["primary"]})
                ok = False
            begins = self._date(name, line, "beginDate", (row.get("beginDate") or "").strip())
            ends = self._date(name, line, "endDate", (row.get("endDate") or "").strip())
            if begins is False or ends is False:
                ok = False
            elif begins and ends and ends < begins:
                self.error(name, line, "endDate", _("ends (%(e)s) before it begins (%(b)s)") % {"e": ends, "b": begins})
                ok = False
            if user_found and role:
                kind = kinds.get(user)
                if kind is None:
                    kind = kinds[user] = self._person_kind(user)
                is_student, is_staff = kind
                if role == "student" and not is_student:
                    self.error(
                        name,
                        line,
                        "role",
                        _('"%(u)s" is enrolled as a student but is not a student in users.csv') % {"u": user},
                    )
                    ok = False
                elif role != "student" and not is_staff:
                    self.error(
                        name,
                        line,
                        "role",
                        _('"%(u)s" is a student in users.csv but is enrolled as %(r)s') % {"u": user, "r": role},
                    )
                    ok = False
            if not ok or not self._unique(name, line, sid, {}, lines):
                continue
            self.roster.enrollments[sid] = (
                self._i(section),
                self._i(user),
                self._i(school),
                role,
                primary_raw == "true",
                begins,
                ends,
                *common,
            )
        del lines
