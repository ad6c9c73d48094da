"""Live progress of a running import, for the run page's progress bar.

Progress while checking is written to the ImportRun row directly. While saving, the import holds one open
transaction, so an update through the same connection would stay invisible to the page until the very end.
Progress is therefore also kept in this process (the page of a self-hosted single process reads it through
``overlay``), and on PostgreSQL it is written through a second, autocommit connection as well, so other
processes see it too. SQLite allows one writer at a time, so there the row shows "saving" progress only in
this process.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections

from pollinate.roster.models import ImportRun

FLUSH_EVERY = 0.5  # seconds between database updates; the page polls every second

_live: dict[int, tuple[int, int, str]] = {}  # run id -> (rows_done, rows_total, label)
_lock = threading.Lock()


class Progress:
    def __init__(self, run: ImportRun) -> None:
        self.run = run
        self.done = 0
        self.total = run.rows_total
        self.label = ""
        self._flushed_at = 0.0
        self._side: Any = None

    def advance(self, rows: int, label: str) -> None:
        self.done = min(self.done + rows, self.total) if self.total else self.done + rows
        changed = label != self.label
        self.label = label
        with _lock:
            _live[self.run.pk] = (self.done, self.total, label)
        if changed or time.monotonic() - self._flushed_at >= FLUSH_EVERY:
            self.flush()

    def set_total(self, total: int) -> None:
        self.total = max(total, self.done)
        with _lock:
            _live[self.run.pk] = (self.done, self.total, self.label)
        self.flush()

    def flush(self) -> None:
        self._flushed_at = time.monotonic()
        values = {"rows_done": self.done, "rows_total": self.total, "current_file": self.label[:120]}
        if not connection.in_atomic_block:
            ImportRun.objects.filter(pk=self.run.pk).update(**values)
        elif connection.vendor == "postgresql":
            self._write_aside(values)

    def _write_aside(self, values: dict[str, Any]) -> None:
        if self._side is None:
            # A second connection with the same settings; autocommit, so the page sees each update at once.
            wrapper = connections[DEFAULT_DB_ALIAS]
            self._side = type(wrapper)(wrapper.settings_dict.copy(), alias=wrapper.alias)
        quote = self._side.ops.quote_name
        assignments = ", ".join(f"{quote(column)} = %s" for column in values)
        # Table and column names come from the model, never from input; values are parameters.
        sql = f"UPDATE {quote(ImportRun._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"  # noqa: S608
        with self._side.cursor() as cursor:
            cursor.execute(sql, [*values.values(), self.run.pk])

    def close(self) -> None:
        with _lock:
            _live.pop(self.run.pk, None)
        if self._side is not None:
            self._side.close()
            self._side = None


def overlay(run: ImportRun) -> ImportRun:
    """Show this process's live progress on a running run (the row may lag while the import saves)."""
    if run.status == ImportRun.Status.RUNNING:
        with _lock:
            live = _live.get(run.pk)
        if live is not None:
            run.rows_done, run.rows_total, run.current_file = live
    return run
