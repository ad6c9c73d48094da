"""Writing the audit log. Reads of learners' records by anyone but the learner are recorded here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from pollinate.core.models import AuditedStudent, AuditEvent


def audit_log(
    actor: Any,
    verb: str,
    obj: Any = None,
    *,
    district_id: int | None = None,
    path: str = "",
    **data: Any,
) -> AuditEvent:
    event = _event(actor, verb, obj, district_id=district_id, path=path, data=data)
    event.save(force_insert=True)
    return event


def record_student_reads(
    actor: Any,
    student_ids: Iterable[int],
    *,
    verb: str,
    obj: Any = None,
    district_id: int | None = None,
    path: str = "",
) -> AuditEvent | None:
    """Record that ``actor`` read the records of these students. The learner reading their own is not logged.

    A fixed number of statements whatever the number of students: one on PostgreSQL, two on SQLite.
    """
    own_id = getattr(actor, "pk", None)
    ids = sorted({sid for sid in student_ids if sid != own_id})
    if not ids:
        return None
    event = _event(actor, verb, obj, district_id=district_id, path=path, data={"student_count": len(ids)})
    links = connection.ops.quote_name(AuditedStudent._meta.db_table)
    if connection.vendor == "postgresql":
        # One statement, so one round trip and atomic by itself: the event and its links (the ids as one array).
        fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields]
        table = connection.ops.quote_name(AuditEvent._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH e AS (INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))}) RETURNING id), "  # noqa: S608 (names, not input)
                f"l AS (INSERT INTO {links} (event_id, student_id) SELECT e.id, s FROM e, unnest(%s::bigint[]) s) "
                "SELECT id FROM e",
                [*values, ids],
            )
            event.pk = cursor.fetchone()[0]
        event._state.adding = False
        return event
    # One unit: an event never stands without the students it names (no savepoint: inside a caller's transaction
    # this simply joins it). SQLite caps a statement at 999 parameters, so the links go in one executemany.
    with transaction.atomic(savepoint=False):
        event.save(force_insert=True)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {links} (event_id, student_id) VALUES (%s, %s)",  # noqa: S608 (names, not input)
                [(event.pk, sid) for sid in ids],
            )
    return event


def _event(actor: Any, verb: str, obj: Any, *, district_id: int | None, path: str, data: dict[str, Any]) -> AuditEvent:
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    return AuditEvent(
        actor_id=actor_id,
        actor_label=_label(actor),
        district_id=district_id if district_id is not None else getattr(obj, "district_id", None),
        verb=verb,
        object_type=obj._meta.label_lower if obj is not None and hasattr(obj, "_meta") else "",
        object_id=str(getattr(obj, "pk", "") or ""),
        path=path[:500],
        data=data,
    )


def _label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "anonymous"
    name = getattr(actor, "display_name", "") or ""
    return f"{name} ({actor.get_username()})"[:300]
