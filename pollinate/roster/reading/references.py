"""Cross-file checks: references between files, orgs used as schools, roles and agent links."""

from __future__ import annotations

from django.utils.translation import gettext as _

from pollinate.roster.reading.spec import GUARDIAN_ROLES, NO_ROLE, STAFF_ROLES, USER_ROLES


class References:
    """Reference checks, mixed into the Reader."""

    def _school_ref(self, name: str, line: int, column: str, sid: str) -> str | None:
        """The school sid that a class, course or enrollment naming ``sid`` belongs to, or None (reported)."""
        if sid in self.roster.schools or (sid in self.known.schools and self.roster.modes.get("orgs") != "bulk"):
            return sid
        if sid in self.roster.skipped_orgs:
            return self._school_for_other_org(sid)
        if sid == self.roster.district_org:
            self.error(name, line, column, _('"%(s)s" is the district, not a school') % {"s": sid})
        elif "orgs" in self.unreadable or sid in self.seen.get("orgs", ()):
            return None  # that org row has its own error already
        else:
            self.error(name, line, column, _('"%(s)s" is not a school in orgs.csv') % {"s": sid})
        return None

    def _school_for_other_org(self, sid: str) -> str:
        """A department (or local, state, national org) that classes are held at: SIS exports often put classes
        at a department. Its parent school takes them if the set has one; otherwise the org itself becomes a
        school, since classes need a school and refusing a conformant set helps nobody."""
        school = self._org_school.get(sid)
        if school is not None:
            return school
        org_name, identifier, kind, parent, common, warning = self._other_orgs[sid]
        parent_is_school = parent and (
            parent in self.roster.schools or (parent in self.known.schools and self.roster.modes.get("orgs") != "bulk")
        )
        if parent_is_school:
            school = parent
            parent_name = self.roster.schools[parent][0] if parent in self.roster.schools else parent
            message = _(
                "%(org)s is a %(kind)s of %(school)s; its classes, courses and enrollments are given to %(school)s"
            ) % {"org": org_name, "kind": kind, "school": parent_name}
        else:
            school = sid
            self.roster.schools[sid] = (org_name[:255], identifier[:255], *common)
            message = _("%(org)s is a %(kind)s; classes are held there, so it is imported as a school") % {
                "org": org_name,
                "kind": kind,
            }
        self._org_school[sid] = school
        self.settle_warning(warning, message)
        return school

    def _settle_other_orgs(self) -> None:
        """Roles at other orgs follow the org's records: to the school it became or went to, else district level."""
        for warning, orgs in self._roles_at_other_orgs.values():
            if orgs <= self._org_school.keys():
                self.settle_warning(warning, None)
        if not self._users_at_other_orgs:
            return
        skipped, schools = self.roster.skipped_orgs, self._org_school
        for user in self._users_at_other_orgs:
            roles = self.roster.user_roles[user]
            self.roster.user_roles[user] = {
                (role, schools.get(org, "") if org in skipped else org) for role, org in roles
            }

    def _has(self, entity: str, sid: str, own: dict, known: set[str]) -> bool:
        return (
            sid in own
            or (sid in known and self.roster.modes.get(entity) != "bulk")
            or entity in self.unreadable
            or sid in self.seen.get(entity, ())
        )

    def _user_role(self, name: str, line: int, user: str, role: str, org: str) -> None:
        role = self._enum(name, line, "role", role, USER_ROLES) or ""
        if not role:
            return
        if org in self.roster.skipped_orgs:
            # Settled after enrollments are read: the org may yet turn out to be where classes are held.
            if name not in self._roles_at_other_orgs:
                warning = self.reserve_warning(
                    name,
                    1,
                    "orgSourcedIds",
                    _(
                        "roles at department, local, state or national orgs are given at district level "
                        "(administrators there get no leadership role)"
                    ),
                )
                self._roles_at_other_orgs[name] = (warning, set())
            self._roles_at_other_orgs[name][1].add(org)
            self._users_at_other_orgs.add(user)
        elif (
            org
            and org != self.roster.district_org
            and not self._has("orgs", org, self.roster.schools, self.known.schools)
        ):
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
