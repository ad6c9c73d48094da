"""Per-value rules shared by every file: status, dates, required values, enumerations, unique sourcedIds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from pollinate.roster.reading.spec import ACTIVE, INACTIVE


class ValueRules:
    """Value checks, mixed into the Reader."""

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
