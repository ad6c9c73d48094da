"""Writing people: Person rows, the roles the roster grants, and guardianships."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from pollinate.people.models import Guardianship, Person, Role, RoleAssignment
from pollinate.roster.reading import GUARDIAN_ROLES, LEADER_ROLES
from pollinate.roster.writing.sql import BATCH, chunks, insert_rows

ACTIVE = "active"
INACTIVE = "inactive"


class PeopleSync:
    """Mixed into the Writer."""

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
                role = _pollinate_role(spec_role, school_id, at_district=bool(org) and org == r.district_org)
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
        for chunk in chunks(reactivate):
            RoleAssignment.objects.filter(id__in=chunk).update(status=ACTIVE)
        for chunk in chunks(deactivate):
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
        for chunk in chunks(deactivate):
            Guardianship.objects.filter(id__in=chunk).update(status=INACTIVE, updated_at=self.now)
        self.writes += len(create) + len(update) + len(deactivate)


def _pollinate_role(spec_role: str, school_id: int | None, *, at_district: bool) -> str | None:
    if spec_role in LEADER_ROLES and school_id is None and not at_district:
        # An administrator at an org that is neither a school nor the district (a department nothing is held
        # at) leads nothing we know of: never promote them to district administrator.
        return None
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
