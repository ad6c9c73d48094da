"""Cross-cutting records: the audit log of who read or changed learners' records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """One action by one person: a read of learners' records, or a change."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Kept as text so the trail survives if the actor's record is later removed.
    actor_label = models.CharField(max_length=300, blank=True, default="")
    district = models.ForeignKey("people.District", null=True, on_delete=models.SET_NULL, related_name="+")
    verb = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True, default="")
    object_id = models.CharField(max_length=64, blank=True, default="")
    path = models.CharField(max_length=500, blank=True, default="")
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb} {self.object_type}:{self.object_id}"


class AuditedStudent(models.Model):
    """A student whose record an AuditEvent read: answers "who has looked at my child's record?"."""

    # No database constraints (Django still cascades deletes): the only writer is ``record_student_reads``, with
    # ids it has just read. PostgreSQL checks a deferred foreign key at commit with a share lock on every referenced
    # row, which made the audit of one 1,000-learner class grid cost 30 ms, more than reading the grid itself.
    # The (student, event) index serves both "who read this student" and the lookup by student.
    event = models.ForeignKey(AuditEvent, on_delete=models.CASCADE, related_name="students", db_constraint=False)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )

    class Meta:
        indexes = [models.Index(fields=["student", "event"], name="core_audited_student_idx")]

    def __str__(self) -> str:
        return f"event {self.event_id} → student {self.student_id}"
