"""Writing a checked roster into one district: compare first, then write only what changed.

Existing rows of the district are loaded once into dicts keyed by sourcedId (``values_list``); incoming tuples
are compared with them; new rows go in with ``bulk_create``, changed ones with ``bulk_update`` in batches, and
records missing from a bulk file are deactivated with ``update()`` (never deleted). A dry run does the same
comparison and counts, and writes nothing (new records get placeholder ids so references still resolve).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.models import DateField, DateTimeField, Model
from django.utils import timezone

from pollinate.people.models import (
    AcademicSession,
    Course,
    District,
    Enrollment,
    Guardianship,
    Person,
    RecordStatus,
    Role,
    RoleAssignment,
    School,
    Section,
)
from pollinate.roster.reading import GUARDIAN_ROLES, LEADER_ROLES, Roster

BATCH = 2000
ACTIVE = RecordStatus.ACTIVE
INACTIVE = RecordStatus.INACTIVE
ENTITIES = ("orgs", "academicSessions", "courses", "classes", "users", "roles", "guardians", "enrollments")


def empty_counts() -> dict[str, dict[str, int]]:
    return {e: {"created": 0, "updated": 0, "deactivated": 0, "unchanged": 0} for e in ENTITIES}


def insert_rows(model: type[Model], attnames: tuple[str, ...], rows: Iterable[tuple], *, now: Any) -> int:
    """INSERT plain tuples without building model instances (the ORM's per-object cost dominates at 300k rows).

    Columns not given take the field's default (``now`` for auto_now fields); dates and datetimes are adapted
    by the database backend exactly as the ORM would.
    """
    ops = connection.ops
    given = {name: i for i, name in enumerate(attnames)}
    columns, plan = [], []
    for f in model._meta.concrete_fields:
        if f is model._meta.pk:
            continue
        columns.append(connection.ops.quote_name(f.column))
        adapt = None
        if isinstance(f, DateTimeField):
            adapt = ops.adapt_datetimefield_value
        elif isinstance(f, DateField):
            adapt = ops.adapt_datefield_value
        if f.attname in given:
            plan.append((given[f.attname], None, adapt))
        else:
            auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            default = now if auto else f.get_default()
            plan.append((None, adapt(default) if adapt else default, None))
    # Table and column names come from model metadata (quoted), never from the file; values are parameters.
    table = connection.ops.quote_name(model._meta.db_table)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    count = 0
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, BATCH):
            values = [
                tuple(
                    const if i is None else (adapt(row[i]) if adapt is not None else row[i]) for i, const, adapt in plan
                )
                for row in chunk
            ]
            if connection.vendor == "sqlite":
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES {one}", values)  # noqa: S608
            elif connection.vendor == "postgresql":
                # COPY is PostgreSQL's bulk path: an order of magnitude faster than multi-row INSERTs.
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
            else:
                sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join([one] * len(values))  # noqa: S608
                cursor.execute(sql, [v for row in values for v in row])
            count += len(values)
    return count


def _chunks(items: Iterable[Any], size: int = BATCH) -> Iterable[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class Writer:
    def __init__(
        self, roster: Roster, district: District, *, dry_run: bool, progress: Callable[[str], None] | None = None
    ) -> None:
        self.roster = roster
        self.district = district
        self.dry_run = dry_run
        self.counts = empty_counts()
        self.writes = 0
        self.now = timezone.now()
        self._placeholder = itertools.count(-1, -1)
        self._progress = progress or (lambda label: None)

    # -- the generic compare-and-write ------------------------------------------------------------------
    def sync(
        self,
        entity: str,
        model: type[Model],
        fields: tuple[str, ...],
        incoming: dict[str, tuple],
        *,
        bulk: bool,
        extra_create: dict[str, Any] | None = None,
        deactivate: dict[str, Any] | None = None,
        existing_rows: Iterable[tuple] | None = None,
        need_ids: bool = True,
    ) -> tuple[dict[str, int], set[str]]:
        """Upsert ``incoming`` (sid -> values in ``fields`` order). Returns (sid -> id, sids created or updated)."""
        counts = self.counts[entity]
        if existing_rows is None:
            existing_rows = (
                model._default_manager.filter(district=self.district, sourced_id__isnull=False)
                .values_list("sourced_id", "id", *fields)
                .iterator(chunk_size=BATCH)
            )
        ids: dict[str, int] = {}
        existing: dict[str, tuple] = {}
        for row in existing_rows:
            ids[row[0]] = row[1]
            existing[row[0]] = row[2:]
        to_create: list[tuple] = []
        district_id = self.district.pk
        extra_values = tuple((extra_create or {}).values())
        to_update: list[Model] = []
        changed: set[str] = set()
        created_sids: list[str] = []
        for sid, values in incoming.items():
            old = existing.get(sid)
            if old is None:
                counts["created"] += 1
                changed.add(sid)
                created_sids.append(sid)
                if not self.dry_run:
                    to_create.append((district_id, sid, *values, *extra_values))
                else:
                    ids[sid] = next(self._placeholder)
            elif old != values:
                counts["updated"] += 1
                changed.add(sid)
                if old[fields.index("status")] == ACTIVE and values[fields.index("status")] == INACTIVE:
                    counts["updated"] -= 1
                    counts["deactivated"] += 1
                if not self.dry_run:
                    to_update.append(model(id=ids[sid], updated_at=self.now, **dict(zip(fields, values, strict=True))))
            else:
                counts["unchanged"] += 1
        if not self.dry_run:
            if to_create:
                names = ("district_id", "sourced_id", *fields, *(extra_create or {}))
                self.writes += insert_rows(model, names, to_create, now=self.now)
                if need_ids:
                    ids = self._ids(model)
            if to_update:
                model._default_manager.bulk_update(to_update, [*fields, "updated_at"], batch_size=BATCH)
                self.writes += len(to_update)
        if bulk:
            status_at = fields.index("status")
            gone = [ids[sid] for sid, old in existing.items() if sid not in incoming and old[status_at] == ACTIVE]
            counts["deactivated"] += len(gone)
            if not self.dry_run:
                for chunk in _chunks(gone):
                    model._default_manager.filter(id__in=chunk).update(
                        status=INACTIVE, updated_at=self.now, **(deactivate or {})
                    )
                self.writes += len(gone)
        return ids, changed

    def _resolve(self, ids: dict[str, int], sid: str | None) -> int | None:
        return ids.get(sid) if sid else None

    # -- the whole roster ---------------------------------------------------------------------------------
    def write(self) -> dict[str, dict[str, int]]:
        r = self.roster
        modes = r.modes
        self._progress("orgs.csv")
        district_sid = r.district_org
        if district_sid is not None:
            if self.district.sourced_id != district_sid:
                self.counts["orgs"]["updated"] += 1
                if not self.dry_run:
                    District.objects.filter(pk=self.district.pk).update(sourced_id=district_sid)
                    self.district.sourced_id = district_sid
                    self.writes += 1
            else:
                self.counts["orgs"]["unchanged"] += 1
        school_ids, _ = self.sync(
            "orgs",
            School,
            ("name", "identifier", "status", "source_modified_at"),
            r.schools,
            bulk=modes.get("orgs") == "bulk",
        )

        self._progress("academicSessions.csv")
        session_fields = ("title", "kind", "starts_on", "ends_on", "school_year", "status", "source_modified_at")
        sessions = {sid: (v[0], v[1], v[2], v[3], v[5], v[6], v[7]) for sid, v in r.sessions.items()}
        session_ids, changed = self.sync(
            "academicSessions", AcademicSession, session_fields, sessions, bulk=modes.get("academicSessions") == "bulk"
        )
        self._sync_session_parents(session_ids, changed)

        self._progress("courses.csv")
        course_fields = (
            "school_id",
            "title",
            "code",
            "grades",
            "subjects",
            "school_year_id",
            "status",
            "source_modified_at",
        )
        courses = {
            sid: (school_ids.get(v[0]), *v[1:5], self._resolve(session_ids, v[5]), v[6], v[7])
            for sid, v in r.courses.items()
        }
        course_ids, _ = self.sync("courses", Course, course_fields, courses, bulk=modes.get("courses") == "bulk")
        if not r.courses and r.classes:
            course_ids = self._ids(Course)

        self._progress("classes.csv")
        class_fields = (
            "school_id",
            "course_id",
            "title",
            "code",
            "kind",
            "location",
            "periods",
            "grades",
            "subjects",
            "status",
            "source_modified_at",
        )
        classes = {sid: (school_ids.get(v[0]), course_ids.get(v[1]), *v[2:]) for sid, v in r.classes.items()}
        section_ids, changed = self.sync("classes", Section, class_fields, classes, bulk=modes.get("classes") == "bulk")
        self._sync_terms(section_ids, session_ids, changed)

        self._progress("users.csv")
        person_ids = self._sync_people()
        self._sync_roles(person_ids, school_ids)
        self._sync_guardians(person_ids)

        self._progress("enrollments.csv")
        if r.enrollments:
            if not r.classes:
                section_ids = self._ids(Section)
            enrollment_fields = (
                "section_id",
                "person_id",
                "school_id",
                "role",
                "primary",
                "begins_on",
                "ends_on",
                "status",
                "source_modified_at",
            )
            enrollments = {
                sid: (section_ids.get(v[0]), person_ids.get(v[1]), school_ids.get(v[2]), *v[3:])
                for sid, v in r.enrollments.items()
            }
            r.enrollments = {}  # the resolved copy is all that is needed now; halves peak memory at 300k rows
            self.sync(
                "enrollments",
                Enrollment,
                enrollment_fields,
                enrollments,
                bulk=modes.get("enrollments") == "bulk",
                need_ids=False,
            )
        elif modes.get("enrollments") == "bulk":
            self.sync("enrollments", Enrollment, ("status",), {}, bulk=True)
        return self.counts

    def _ids(self, model: type[Model]) -> dict[str, int]:
        return dict(
            model._default_manager.filter(district=self.district, sourced_id__isnull=False).values_list(
                "sourced_id", "id"
            )
        )

    def _sync_session_parents(self, session_ids: dict[str, int], changed: set[str]) -> None:
        current = dict(
            AcademicSession.objects.filter(district=self.district, sourced_id__isnull=False).values_list(
                "sourced_id", "parent_id"
            )
        )
        updates = []
        for sid, values in self.roster.sessions.items():
            wanted = self._resolve(session_ids, values[4])
            if current.get(sid) != wanted:
                if sid not in changed:
                    self.counts["academicSessions"]["updated"] += 1
                    self.counts["academicSessions"]["unchanged"] -= 1
                updates.append(AcademicSession(id=session_ids[sid], parent_id=wanted, updated_at=self.now))
        if updates and not self.dry_run:
            AcademicSession.objects.bulk_update(updates, ["parent_id", "updated_at"], batch_size=BATCH)
            self.writes += len(updates)

    def _sync_terms(self, section_ids: dict[str, int], session_ids: dict[str, int], changed: set[str]) -> None:
        through = Section.terms.through
        wanted: set[tuple[int, int]] = set()
        for sid, terms in self.roster.class_terms.items():
            section_id = section_ids[sid]
            for term in terms:
                wanted.add((section_id, session_ids[term]))
        in_file = {section_ids[sid] for sid in self.roster.class_terms}
        existing = set(
            through.objects.filter(section__district=self.district).values_list("section_id", "academicsession_id")
        )
        existing = {pair for pair in existing if pair[0] in in_file}
        add = wanted - existing
        remove = existing - wanted
        by_id = {section_ids[sid]: sid for sid in self.roster.class_terms}
        for section_id in {p[0] for p in add | remove}:
            if section_id > 0 and by_id[section_id] not in changed:
                self.counts["classes"]["updated"] += 1
                self.counts["classes"]["unchanged"] -= 1
        if self.dry_run:
            return
        insert_rows(through, ("section_id", "academicsession_id"), sorted(add), now=self.now)
        for chunk in _chunks(remove):
            for section_id, term_id in chunk:
                through.objects.filter(section_id=section_id, academicsession_id=term_id).delete()
        self.writes += len(add) + len(remove)

    def _sync_people(self) -> dict[str, int]:
        r = self.roster
        fields = [
            "username",
            "email",
            "given_name",
            "family_name",
            "middle_name",
            "preferred_name",
            "identifier",
            "grades",
            "phone",
            "is_active",
            "status",
            "source_modified_at",
        ]
        with_births = "demographics" in r.modes
        if with_births:
            fields.append("birth_date")
        existing_rows = list(
            Person.objects.filter(district=self.district, sourced_id__isnull=False)
            .values_list("sourced_id", "id", *fields)
            .iterator(chunk_size=BATCH)
        )
        old_births = {row[0]: row[-1] for row in existing_rows} if with_births else {}
        bulk_births = r.modes.get("demographics") == "bulk"
        people: dict[str, tuple] = {}
        for sid, v in r.users.items():
            values = (*v[:9], bool(v[9]) and v[10] == ACTIVE, v[10], v[11])
            if with_births:
                birth = r.birth_dates.get(sid) if (bulk_births or sid in r.birth_dates) else old_births.get(sid)
                values = (*values, birth)
            people[sid] = values
        # Every imported person gets an unusable password of their own; one hash per person is cheap.
        unusable = make_password(None)
        person_ids, _ = self.sync(
            "users",
            Person,
            tuple(fields),
            people,
            bulk=r.modes.get("users") == "bulk",
            extra_create={"password": unusable},
            deactivate={"is_active": False},
            existing_rows=existing_rows,
        )
        # Birth dates for people not in this users.csv (delta demographics).
        if with_births:
            extra = []
            for sid, birth in r.birth_dates.items():
                if sid not in r.users and sid in person_ids and old_births.get(sid) != birth:
                    self.counts["users"]["updated"] += 1
                    extra.append(Person(id=person_ids[sid], birth_date=birth, updated_at=self.now))
            if extra and not self.dry_run:
                Person.objects.bulk_update(extra, ["birth_date", "updated_at"], batch_size=BATCH)
                self.writes += len(extra)
        return person_ids

    def _sync_roles(self, person_ids: dict[str, int], school_ids: dict[str, int]) -> None:
        r = self.roster
        counts = self.counts["roles"]
        wanted: set[tuple[int, str, int | None]] = set()
        for user, roles in r.user_roles.items():
            person_id = person_ids.get(user)
            if person_id is None:
                continue
            for spec_role, org in roles:
                school_id = school_ids.get(org) if org else None
                role = _pollinate_role(spec_role, school_id)
                if role is not None:
                    if role in (Role.DISTRICT_ADMIN, Role.GUARDIAN):
                        school_id = None
                    wanted.add((person_id, role, school_id))
        existing: dict[tuple[int, str, int | None], tuple[int, bool, str]] = {}
        for pk, person_id, role, school_id, from_roster, status in RoleAssignment.objects.filter(
            district=self.district, section__isnull=True
        ).values_list("id", "person_id", "role", "school_id", "from_roster", "status"):
            existing[(person_id, role, school_id)] = (pk, from_roster, status)
        bulk = r.modes.get("users") == "bulk" or r.modes.get("roles") == "bulk"
        covered = set(person_ids.values()) if bulk else {person_ids[u] for u in r.users if u in person_ids}
        covered |= {person_ids[u] for u in r.user_roles if u in person_ids}
        create, reactivate, deactivate = [], [], []
        for key in wanted:
            old = existing.get(key)
            if old is None:
                counts["created"] += 1
                create.append(
                    RoleAssignment(
                        person_id=key[0], role=key[1], school_id=key[2], district=self.district, from_roster=True
                    )
                )
            elif old[1] and old[2] != ACTIVE:
                counts["updated"] += 1
                reactivate.append(old[0])
            else:
                counts["unchanged"] += 1
        for key, (pk, from_roster, status) in existing.items():
            if from_roster and status == ACTIVE and key not in wanted and key[0] in covered:
                counts["deactivated"] += 1
                deactivate.append(pk)
        if self.dry_run:
            return
        insert_rows(
            RoleAssignment,
            ("person_id", "role", "school_id", "district_id", "from_roster"),
            [(ra.person_id, ra.role, ra.school_id, self.district.pk, True) for ra in create],
            now=self.now,
        )
        for chunk in _chunks(reactivate):
            RoleAssignment.objects.filter(id__in=chunk).update(status=ACTIVE)
        for chunk in _chunks(deactivate):
            RoleAssignment.objects.filter(id__in=chunk).update(status=INACTIVE)
        self.writes += len(create) + len(reactivate) + len(deactivate)

    def _sync_guardians(self, person_ids: dict[str, int]) -> None:
        r = self.roster
        counts = self.counts["guardians"]
        guardians = {u for u, roles in r.user_roles.items() if any(role in GUARDIAN_ROLES for role, _o in roles)}
        students = {u for u, roles in r.user_roles.items() if any(role == "student" for role, _o in roles)}
        relationship = {
            u: next(role for role, _o in sorted(r.user_roles[u]) if role in GUARDIAN_ROLES) for u in guardians
        }
        wanted: dict[tuple[int, int], str] = {}
        for user, agents in r.agents.items():
            for agent in agents:
                if user in guardians and agent in students:
                    pair, rel = (user, agent), relationship[user]
                elif user in students and agent in guardians:
                    pair, rel = (agent, user), relationship[agent]
                else:
                    continue
                ids = (person_ids.get(pair[0]), person_ids.get(pair[1]))
                if ids[0] is not None and ids[1] is not None:
                    wanted[ids] = rel  # type: ignore[index]
        existing = {
            (g, s): (pk, rel, status)
            for pk, g, s, rel, status in Guardianship.objects.filter(district=self.district).values_list(
                "id", "guardian_id", "student_id", "relationship", "status"
            )
        }
        bulk = r.modes.get("users") == "bulk"
        covered = {person_ids[u] for u in r.users if u in person_ids}
        create, update, deactivate = [], [], []
        for pair, rel in wanted.items():
            old = existing.get(pair)
            if old is None:
                counts["created"] += 1
                create.append(
                    Guardianship(guardian_id=pair[0], student_id=pair[1], relationship=rel, district=self.district)
                )
            elif old[1:] != (rel, ACTIVE):
                counts["updated"] += 1
                update.append(Guardianship(id=old[0], relationship=rel, status=ACTIVE, updated_at=self.now))
            else:
                counts["unchanged"] += 1
        for pair, (pk, _rel, status) in existing.items():
            if status == ACTIVE and pair not in wanted and (bulk or pair[0] in covered or pair[1] in covered):
                counts["deactivated"] += 1
                deactivate.append(pk)
        if self.dry_run:
            return
        Guardianship.objects.bulk_create(create, batch_size=BATCH)
        Guardianship.objects.bulk_update(update, ["relationship", "status", "updated_at"], batch_size=BATCH)
        for chunk in _chunks(deactivate):
            Guardianship.objects.filter(id__in=chunk).update(status=INACTIVE, updated_at=self.now)
        self.writes += len(create) + len(update) + len(deactivate)


def _pollinate_role(spec_role: str, school_id: int | None) -> str | None:
    if spec_role == "student":
        return Role.STUDENT
    if spec_role in ("teacher", "aide"):
        return Role.TEACHER
    if spec_role in LEADER_ROLES:
        return Role.SCHOOL_LEADER if school_id is not None else Role.DISTRICT_ADMIN
    if spec_role == "districtAdministrator":
        return Role.DISTRICT_ADMIN
    if spec_role in GUARDIAN_ROLES:
        return Role.GUARDIAN
    return None
