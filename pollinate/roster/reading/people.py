"""users.csv, roles.csv, demographics.csv, userProfiles.csv and enrollments.csv: who is where."""

from __future__ import annotations

from django.utils.translation import gettext as _

from pollinate.roster.reading.spec import ACTIVE, COLUMNS, ENROLLMENT_ROLES, REQUIRED


class PeopleFiles:
    """Readers of the people-side files, mixed into the Reader."""

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
            if school not in self.roster.schools:
                school = self._school_ref(name, line, "schoolSourcedId", school)
                ok = ok and school is not None
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
                    # A teacher taking a professional-development class: it grants them nothing over anyone.
                    self.warn(
                        name,
                        line,
                        "role",
                        _('"%(u)s" is enrolled as a student but is not a student in users.csv; imported') % {"u": user},
                    )
                elif role != "student" and not is_staff:
                    # The other way round would let a student see classmates' records: refused.
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
