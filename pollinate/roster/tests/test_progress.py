"""Progress while checking and while saving; the background thread; runs a stopped process left behind."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pollinate.core.models import AuditEvent
from pollinate.people.models import District, Person, Role
from pollinate.people.tests.factories import make_person
from pollinate.roster import progress as live_progress
from pollinate.roster.models import ImportRun
from pollinate.roster.progress import Progress
from pollinate.roster.services import fail_interrupted_runs, import_roster, start_import
from pollinate.roster.tests.conftest import write_set, zip_folder


@pytest.mark.django_db
def test_the_run_records_progress_while_checking_and_while_saving(district, roster_dir, monkeypatch):
    flushed: list[tuple[str, int, int]] = []
    original = Progress.flush

    def spy(self):
        flushed.append((self.label, self.done, self.total))
        original(self)

    monkeypatch.setattr(Progress, "flush", spy)

    run = import_roster(actor=None, district=district, path=roster_dir, dry_run=False)

    assert run.status == "succeeded", run.errors
    labels = list(dict.fromkeys(label for label, _done, _total in flushed if label))
    assert labels == [
        "Checking manifest.csv",
        "Checking orgs.csv",
        "Checking academicSessions.csv",
        "Checking courses.csv",
        "Checking classes.csv",
        "Checking users.csv",
        "Checking enrollments.csv",
        "Saving orgs",
        "Saving academicSessions",
        "Saving courses",
        "Saving classes",
        "Saving users",
        "Saving roles",
        "Saving guardians",
        "Saving enrollments",
    ]
    done = [d for _label, d, _total in flushed]
    assert done == sorted(done)
    # 27 rows checked (8 in manifest.csv), then 2 schools + 2 sessions + 2 courses + 2 classes + 6 users
    # + 6 people with roles + 2 agent lists + 4 enrollments saved.
    assert flushed[-1] == ("Saving enrollments", 53, 53)
    assert (run.rows_done, run.rows_total, run.percent) == (53, 53, 100)


@pytest.mark.django_db
def test_the_run_page_shows_saving_progress_while_the_import_transaction_is_open(world, client_for):
    run = ImportRun.objects.create(district=world.school_a1.district, status="running", rows_total=40, rows_done=20)
    progress = Progress(run)
    progress.done = 20
    progress.advance(10, "Saving enrollments")
    try:
        fragment = client_for(world.district_admin).get(
            reverse("roster:run", args=[run.pk]), headers={"HX-Request": "true"}
        )
    finally:
        progress.close()

    assert b"Saving enrollments: 30 of 40 done." in fragment.content
    assert b'value="75"' in fragment.content
    assert run.pk not in live_progress._live


@pytest.mark.django_db(transaction=True)
def test_the_background_thread_runs_an_import_to_completion(settings, tmp_path):
    settings.ROSTER_IMPORT_INLINE = False
    district = District.objects.create(name="Maple", slug="maple")
    admin = make_person(district, Role.DISTRICT_ADMIN, username="mapleadmin")
    data = zip_folder(write_set(tmp_path / "set"))

    run = start_import(
        actor=admin, district=district, upload=io.BytesIO(data), file_name="maple.zip", size=len(data), dry_run=False
    )
    thread = next(t for t in threading.enumerate() if t.name == f"roster-import-{run.pk}")
    thread.join(timeout=30)

    assert not thread.is_alive()
    run.refresh_from_db()
    assert (run.status, run.error_count, run.writes > 0) == ("succeeded", 0, True)
    assert run.counts["enrollments"]["created"] == 4
    assert Person.objects.filter(district=district, sourced_id__in=["u1", "u2", "u3", "u4", "u5", "u6"]).count() == 6
    assert AuditEvent.objects.filter(verb="roster.import", object_id=str(run.pk)).count() == 1


@pytest.mark.django_db
def test_runs_left_running_by_a_stopped_process_are_marked_failed(district):
    long_ago = timezone.now() - dt.timedelta(minutes=90)
    stuck = ImportRun.objects.create(district=district, status="running", started_at=long_ago, rows_done=5)
    never_started = ImportRun.objects.create(district=district, status="queued", created_at=long_ago)
    recent = ImportRun.objects.create(district=district, status="running", started_at=timezone.now())
    finished = ImportRun.objects.create(district=district, status="succeeded", started_at=long_ago)

    assert fail_interrupted_runs(actor=None, older_than_minutes=30) == 2

    for run in (stuck, never_started, recent, finished):
        run.refresh_from_db()
    assert (stuck.status, never_started.status, recent.status, finished.status) == (
        "failed",
        "failed",
        "running",
        "succeeded",
    )
    assert stuck.errors == [
        "The import was interrupted (the server stopped while it ran); nothing was written. Upload the file again."
    ]
    assert (stuck.error_count, stuck.finished_at is not None) == (1, True)
    assert AuditEvent.objects.filter(verb="roster.import_interrupted").count() == 2


@pytest.mark.django_db
def test_the_start_up_command_fails_every_orphaned_run(district):
    run = ImportRun.objects.create(district=district, status="running", started_at=timezone.now())
    out = io.StringIO()

    call_command("roster_fail_interrupted", stdout=out)

    run.refresh_from_db()
    assert run.status == "failed"
    assert out.getvalue() == "1 interrupted roster import(s) marked failed; nothing of theirs was written.\n"
    out = io.StringIO()
    call_command("roster_fail_interrupted", stdout=out)
    assert out.getvalue().startswith("0 interrupted")
