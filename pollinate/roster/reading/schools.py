"""orgs.csv, academicSessions.csv, courses.csv and classes.csv: where teaching happens."""

from __future__ import annotations

from django.utils.translation import gettext as _

from pollinate.roster.reading.spec import CLASS_TYPES, COLUMNS, ORG_TYPES, REQUIRED, SESSION_TYPES


class SchoolFiles:
    """Readers of the school-side files, mixed into the Reader."""

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
                identifier = (row.get("identifier") or "").strip()
                warning = self.reserve_warning(
                    name, line, "type", _('"%(t)s" orgs are not imported; skipped') % {"t": kind}
                )
                self._other_orgs[sid] = (org_name, identifier, kind, parent, common, warning)
        for line, parent in parents:
            if parent not in lines and parent not in self.known.schools:
                self.warn(
                    name, line, "parentSourcedId", _('"%(p)s" is not in orgs.csv; the link is ignored') % {"p": parent}
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
            if org:
                org = self._school_ref(name, line, "orgSourcedId", org)
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
            if school:
                school = self._school_ref(name, line, "schoolSourcedId", school)
                ok = ok and school is not None
            if course and not self._has("courses", course, self.roster.courses, self.known.courses):
                if "courses" in self.roster.absent:
                    self.warn(
                        name,
                        line,
                        "courseSourcedId",
                        _(
                            '"%(s)s" is not in the set (manifest.csv marks courses.csv absent); the class is imported '
                            "without a course"
                        )
                        % {"s": course},
                    )
                    course = None
                else:
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
                self._i(course) if course else None,
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
