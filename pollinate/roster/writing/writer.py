"""The Writer: compare the roster with the district's rows, then write only what changed."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model
from django.utils import timezone

from pollinate.people.models import AcademicSession, Course, District, Enrollment, RecordStatus, School, Section
from pollinate.roster.reading import Roster
from pollinate.roster.writing.people import PeopleSync
from pollinate.roster.writing.sql import BATCH, chunks, insert_rows

ACTIVE = RecordStatus.ACTIVE
INACTIVE = RecordStatus.INACTIVE
ENTITIES = ("orgs", "academicSessions", "courses", "classes", "users", "roles", "guardians", "enrollments")


def empty_counts() -> dict[str, dict[str, int]]:
    return {e: {"created": 0, "updated": 0, "deactivated": 0, "unchanged": 0} for e in ENTITIES}


class Writer(PeopleSync):
    def __init__(
        self,
        roster: Roster,
        district: District,
        *,
        dry_run: bool,
        progress: Callable[[str, int], None] | None = None,
    ) -> None:
        self.roster = roster
        self.district = district
        self.dry_run = dry_run
        self.counts = empty_counts()
        self.writes = 0
        self.now = timezone.now()
        self._placeholder = itertools.count(-1, -1)
        # (entity, records done): one unit per incoming record, reported per entity and per inserted batch.
        self._progress = progress or (lambda entity, rows: None)

    def planned_units(self) -> int:
        """How many units ``write`` will report in all (the run's progress bar covers checking and saving)."""
        r = self.roster
        return sum(
            len(records)
            for records in (r.schools, r.sessions, r.courses, r.classes, r.users, r.user_roles, r.agents, r.enrollments)
        )

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
                self.writes += insert_rows(
                    model, names, to_create, now=self.now, on_batch=lambda rows: self._progress(entity, rows)
                )
                if need_ids:
                    ids = self._ids(model)
            if to_update:
                model._default_manager.bulk_update(to_update, [*fields, "updated_at"], batch_size=BATCH)
                self.writes += len(to_update)
        self._progress(entity, len(incoming) - len(to_create))
        if bulk:
            status_at = fields.index("status")
            gone = [ids[sid] for sid, old in existing.items() if sid not in incoming and old[status_at] == ACTIVE]
            counts["deactivated"] += len(gone)
            if not self.dry_run:
                for chunk in chunks(gone):
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

        session_fields = ("title", "kind", "starts_on", "ends_on", "school_year", "status", "source_modified_at")
        sessions = {sid: (v[0], v[1], v[2], v[3], v[5], v[6], v[7]) for sid, v in r.sessions.items()}
        session_ids, changed = self.sync(
            "academicSessions", AcademicSession, session_fields, sessions, bulk=modes.get("academicSessions") == "bulk"
        )
        self._sync_session_parents(session_ids, changed)

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

        person_ids = self._sync_people()
        self._sync_roles(person_ids, school_ids)
        self._progress("roles", len(r.user_roles))
        self._sync_guardians(person_ids)
        self._progress("guardians", len(r.agents))

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
        for chunk in chunks(remove):
            for section_id, term_id in chunk:
                through.objects.filter(section_id=section_id, academicsession_id=term_id).delete()
        self.writes += len(add) + len(remove)
