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
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor_id=actor_id,
        actor_label=_label(actor),
        district_id=district_id if district_id is not None else getattr(obj, "district_id", None),
        verb=verb,
        object_type=obj._meta.label_lower if obj is not None and hasattr(obj, "_meta") else "",
        object_id=str(getattr(obj, "pk", "") or ""),
        path=path[:500],
        data=data,
    )


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

    Two queries whatever the number of students (one event row, one bulk insert of links).
    """
    own_id = getattr(actor, "pk", None)
    ids = sorted({sid for sid in student_ids if sid != own_id})
    if not ids:
        return None
    # One unit: an event never stands without the students it names (no savepoint: inside a caller's
    # transaction this simply joins it).
    with transaction.atomic(savepoint=False):
        event = audit_log(actor, verb, obj, district_id=district_id, path=path, student_count=len(ids))
        if connection.vendor == "sqlite":
            # SQLite caps a statement at 999 parameters, so bulk_create would split a 1,000-learner class grid into
            # several statements; one executemany keeps it one. (On PostgreSQL one multi-row INSERT is faster.)
            table = connection.ops.quote_name(AuditedStudent._meta.db_table)
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} (event_id, student_id) VALUES (%s, %s)",  # noqa: S608 (names, not input)
                    [(event.pk, sid) for sid in ids],
                )
        else:
            AuditedStudent.objects.bulk_create([AuditedStudent(event=event, student_id=sid) for sid in ids])
    return event


def _label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "anonymous"
    name = getattr(actor, "display_name", "") or ""
    return f"{name} ({actor.get_username()})"[:300]
