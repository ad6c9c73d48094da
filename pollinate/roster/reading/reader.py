"""The Reader: reads a whole set in dependency order and collects every problem."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from django.utils.translation import gettext as _

from pollinate.roster.reading.files import FileReading, Source
from pollinate.roster.reading.people import PeopleFiles
from pollinate.roster.reading.records import Known, Problem, Roster
from pollinate.roster.reading.references import References
from pollinate.roster.reading.rules import ValueRules
from pollinate.roster.reading.schools import SchoolFiles
from pollinate.roster.reading.spec import ERROR, MAX_PROBLEMS, NOT_IMPORTED, ORDER, WARNING


class Reader(FileReading, ValueRules, SchoolFiles, PeopleFiles, References):
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
        # Orgs that are neither school nor district: sid -> (name, identifier, kind, parent, (status, modified),
        # index of their warning). Whether they are skipped, become a school or hand their records to their parent
        # school is known only once classes, courses and enrollments are read, so their warning is settled then.
        self._other_orgs: dict[str, tuple] = {}
        self._org_school: dict[str, str] = {}  # other org sid -> the school sid its records go to
        self._roles_at_other_orgs: dict[str, tuple[int | None, set[str]]] = {}  # file -> (warning index, orgs)
        self._users_at_other_orgs: set[str] = set()

    # -- problems ---------------------------------------------------------------------------------------
    def error(self, file: str, line: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(ERROR, file, line, column, message))

    def warn(self, file: str, line: int, column: str, message: str) -> None:
        self.warning_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(WARNING, file, line, column, message))

    def reserve_warning(self, file: str, line: int, column: str, message: str) -> int | None:
        """A warning that may be reworded or withdrawn later (see ``settle_warning``); keeps its place in order."""
        stored = len(self.problems) < MAX_PROBLEMS
        self.warn(file, line, column, message)
        return len(self.problems) - 1 if stored else None

    def settle_warning(self, index: int | None, message: str | None) -> None:
        """Reword a reserved warning, or withdraw it (``message=None``)."""
        if message is None:
            self.warning_count -= 1
            if index is not None:
                self.problems[index] = None  # type: ignore[call-overload]  # dropped at the end of read()
        elif index is not None:
            self.problems[index] = dataclasses.replace(self.problems[index], message=message)

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
        self._settle_other_orgs()
        self.problems = [p for p in self.problems if p is not None]
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
