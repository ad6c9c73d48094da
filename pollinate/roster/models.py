"""One roster import (or dry run) and what came of it: progress while running, counts and problems after."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pollinate.people.models import District


class ImportRun(models.Model):
    class Mode(models.TextChoices):
        DRY_RUN = "dry_run", _("Check only (dry run)")
        IMPORT = "import", _("Import")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Refused")

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices, default=Mode.IMPORT)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    file_name = models.CharField(_("file"), max_length=255, blank=True, default="")
    counts = models.JSONField(default=dict, blank=True)
    # [{"level": "error" | "warning", "text": "users.csv:14: birthDate: ..."}], capped (see docs/roster-import.md).
    problems = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    writes = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    current_file = models.CharField(max_length=120, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["district", "-created_at"], name="roster_run_district_idx")]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    @property
    def errors(self) -> list[str]:
        return [p["text"] for p in self.problems if p.get("level") == "error"]

    @property
    def warnings(self) -> list[str]:
        return [p["text"] for p in self.problems if p.get("level") == "warning"]
