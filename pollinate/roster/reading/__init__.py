"""Reading and checking a OneRoster 1.1 / 1.2 CSV set, without touching the database's rows.

Everything is checked before anything is written: the Reader turns the files into compact per-record tuples
keyed by sourcedId plus a list of problems (``file:line: column: message``). Files are streamed row by row
(``csv.DictReader`` over a text wrapper); nothing keeps a whole file in memory.

Modules: ``spec`` (the OneRoster vocabulary), ``records`` (what reading produces), ``files`` (opening a set,
streaming, headers, the manifest), ``rules`` (per-value checks), ``schools`` and ``people`` (per-file readers),
``references`` (cross-file checks), ``reader`` (the Reader that puts them together).
"""

from pollinate.roster.reading.files import Source, is_zip
from pollinate.roster.reading.reader import Reader
from pollinate.roster.reading.records import Known, Problem, Roster
from pollinate.roster.reading.spec import (
    ACTIVE,
    COLUMNS,
    ENROLLMENT_ROLES,
    ERROR,
    GUARDIAN_ROLES,
    INACTIVE,
    LEADER_ROLES,
    MAX_PROBLEMS,
    NO_ROLE,
    ORDER,
    REQUIRED,
    USER_ROLES,
    WARNING,
)

__all__ = [
    "ACTIVE",
    "COLUMNS",
    "ENROLLMENT_ROLES",
    "ERROR",
    "GUARDIAN_ROLES",
    "INACTIVE",
    "LEADER_ROLES",
    "MAX_PROBLEMS",
    "NO_ROLE",
    "ORDER",
    "REQUIRED",
    "USER_ROLES",
    "WARNING",
    "Known",
    "Problem",
    "Reader",
    "Roster",
    "Source",
    "is_zip",
]
