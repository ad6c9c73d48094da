"""Roster imports: check a whole OneRoster set, then write it in one transaction (or refuse it whole)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError
from pollinate.people.models import District, Person, Role, RoleAssignment
from pollinate.roster import reading
from pollinate.roster.models import ImportRun
from pollinate.roster.policies import can_start_import
from pollinate.roster.progress import Progress
from pollinate.roster.writing import ENTITIES, Writer

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 5000


def start_import(
    *, actor: Any, district: District, upload: IO[bytes], file_name: str, size: int, dry_run: bool
) -> ImportRun:
    """Accept an uploaded .zip from a district administrator and run it (in the background unless inline)."""
    require(can_start_import(actor, district))
    limit = settings.ROSTER_UPLOAD_MAX_BYTES
    if size > limit:
        raise ApplicationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(size / 1048576, 1), "limit": limit // 1048576}
        )
    if not reading.is_zip(upload):
        raise ApplicationError(_("This is not a .zip file. Upload the OneRoster export as one .zip of CSV files."))
    upload.seek(0)
    folder = Path(tempfile.gettempdir()) / "pollinate-roster"
    folder.mkdir(parents=True, exist_ok=True)
    fd, stored = tempfile.mkstemp(suffix=".zip", dir=folder)
    with os.fdopen(fd, "wb") as out:
        while chunk := upload.read(1 << 20):
            out.write(chunk)
    with transaction.atomic():
        run = ImportRun.objects.create(
            district=district,
            started_by=actor if getattr(actor, "is_authenticated", False) else None,
            mode=ImportRun.Mode.DRY_RUN if dry_run else ImportRun.Mode.IMPORT,
            file_name=file_name[:255],
        )
    if getattr(settings, "ROSTER_IMPORT_INLINE", False):
        _run_and_clean(actor, run.pk, stored)
        run.refresh_from_db()
    else:
        transaction.on_commit(lambda: _start_thread(actor, run.pk, stored))
    return run


def _start_thread(actor: Any, run_id: int, stored: str) -> None:
    def target() -> None:
        close_old_connections()
        try:
            _run_and_clean(actor, run_id, stored)
        finally:
            connection.close()

    threading.Thread(target=target, name=f"roster-import-{run_id}", daemon=True).start()


def _run_and_clean(actor: Any, run_id: int, stored: str) -> None:
    run = ImportRun.objects.get(pk=run_id)
    try:
        import_roster(
            actor=actor, district=run.district, path=stored, dry_run=run.mode == ImportRun.Mode.DRY_RUN, run=run
        )
    except Exception:  # The run must never stay "running" forever; the log has the details.
        logger.exception("roster import %s crashed", run_id)
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.FAILED,
            finished_at=timezone.now(),
            problems=[
                {
                    "level": "error",
                    "text": _(
                        "The import stopped unexpectedly; nothing was written. Please tell your Pollinate operator."
                    ),
                }
            ],
            error_count=1,
        )
    finally:
        Path(stored).unlink(missing_ok=True)


def import_roster(
    *, actor: Any, district: District, path: str | Path, dry_run: bool, run: ImportRun | None = None
) -> ImportRun:
    """Check everything, then (unless a dry run or refused) write everything in one transaction.

    Used by the page, the API and ``pollinate import_oneroster``. The ImportRun records progress, counts and
    every problem.
    """
    if run is None:
        run = ImportRun.objects.create(
            district=district,
            started_by=actor if getattr(actor, "is_authenticated", False) else None,
            mode=ImportRun.Mode.DRY_RUN if dry_run else ImportRun.Mode.IMPORT,
            file_name=Path(path).name[:255],
        )
    run.status = ImportRun.Status.RUNNING
    run.started_at = timezone.now()
    try:
        source = reading.Source(path)
    except Exception as exc:
        return _refuse(
            run,
            [
                reading.Problem(
                    reading.ERROR, Path(path).name, 0, "-", _("the set cannot be opened (%(err)s)") % {"err": exc}
                )
            ],
            1,
        )
    try:
        rows = sum(max(source.count_lines(n) - 1, 0) for n in source.names() if n.endswith(".csv"))
        # Every row is checked and then (roughly) saved once; the total is made exact once checking is done.
        run.rows_total = 2 * rows
        run.save(update_fields=["status", "started_at", "rows_total"])
        progress = Progress(run)

        def checking(name: str, rows: int) -> None:
            if rows:
                progress.advance(rows, _("Checking %(file)s") % {"file": name})

        reader = reading.Reader(source, load_known(district), progress=checking)
        roster = reader.read()
        if not reader.error_count:
            check_usernames(reader, district)
    finally:
        source.close()
    reader.seen, reader._intern = {}, {}  # only needed while reading
    if reader.error_count:
        progress.close()
        return _refuse(run, reader.problems, reader.error_count, reader.warning_count)
    writer = Writer(
        roster,
        district,
        dry_run=dry_run,
        progress=lambda entity, rows: progress.advance(rows, _("Saving %(records)s") % {"records": entity}),
    )
    progress.set_total(progress.done + writer.planned_units())
    try:
        with transaction.atomic():
            counts = writer.write()
            counts["userProfiles"] = {"counted": roster.profiles}
            if not dry_run and writer.writes:
                audit_log(
                    actor,
                    "roster.import",
                    run,
                    district_id=district.pk,
                    writes=writer.writes,
                    counts={e: counts[e] for e in ENTITIES},
                )
    finally:
        progress.close()
    run.rows_done, run.rows_total = progress.total, progress.total
    run.counts = counts
    run.writes = writer.writes
    run.problems = [p.as_dict() for p in reader.problems]
    run.warning_count = reader.warning_count
    run.status = ImportRun.Status.SUCCEEDED
    run.current_file = ""
    run.finished_at = timezone.now()
    run.save()
    return run


def _refuse(run: ImportRun, problems: list[reading.Problem], errors: int, warnings: int = 0) -> ImportRun:
    run.status = ImportRun.Status.FAILED
    run.problems = [p.as_dict() for p in problems]
    run.error_count = errors
    run.warning_count = warnings
    run.current_file = ""
    run.finished_at = timezone.now()
    run.save()
    return run


def load_known(district: District) -> reading.Known:
    """The district's existing sourcedIds, so delta files may refer to records imported earlier."""
    from pollinate.people.models import AcademicSession, Course, School, Section

    def sids(model: Any) -> set[str]:
        return set(
            model.objects.filter(district=district, sourced_id__isnull=False).values_list("sourced_id", flat=True)
        )

    known = reading.Known(
        schools=sids(School),
        sessions=sids(AcademicSession),
        courses=sids(Course),
        classes=sids(Section),
        users=sids(Person),
    )
    roles = RoleAssignment.objects.filter(district=district, status="active", person__sourced_id__isnull=False)
    known.students = set(roles.filter(role=Role.STUDENT).values_list("person__sourced_id", flat=True))
    known.staff = set(
        roles.exclude(role__in=[Role.STUDENT, Role.GUARDIAN]).values_list("person__sourced_id", flat=True)
    )
    return known


def check_usernames(reader: reading.Reader, district: District) -> None:
    """Usernames are unique across the deployment: a clash with someone else is an error naming both."""
    wanted = {values[0]: sid for sid, values in reader.roster.users.items()}
    names = list(wanted)
    for start in range(0, len(names), 2000):
        chunk = names[start : start + 2000]
        for username, district_id, sourced_id, district_name, given, family in Person.objects.filter(
            username__in=chunk
        ).values_list("username", "district_id", "sourced_id", "district__name", "given_name", "family_name"):
            sid = wanted[username]
            if district_id == district.pk and sourced_id == sid:
                continue
            reader.error(
                "users.csv",
                reader.roster.user_lines[sid],
                "username",
                _(
                    '"%(u)s" (sourcedId %(sid)s) is already the username of %(name)s (%(where)s); usernames must be '
                    "unique across Pollinate"
                )
                % {
                    "u": username,
                    "sid": sid,
                    "name": f"{given} {family}".strip(),
                    "where": _("district %(d)s, sourcedId %(s)s") % {"d": district_name or "-", "s": sourced_id or "-"},
                },
            )


def district_for_command(slug: str | None, roster_path: str | Path) -> District:
    """``--district SLUG``, else the only district, else a new one from the set's district org."""
    if slug:
        district = District.objects.filter(slug=slug).first()
        if district is None:
            raise ApplicationError(_('No district with the short name "%(slug)s".') % {"slug": slug})
        return district
    districts = list(District.objects.all()[:2])
    if len(districts) == 1:
        return districts[0]
    if districts:
        raise ApplicationError(_("There are several districts; choose one with --district."))
    source = reading.Source(roster_path)
    try:
        reader = reading.Reader(source, reading.Known())
        if "orgs.csv" in source.names():
            reader.roster.modes["orgs"] = "bulk"
            reader._read_orgs("orgs.csv")
    finally:
        source.close()
    name = reader.roster.district_org_name
    if not name:
        raise ApplicationError(
            _(
                "The database has no district and orgs.csv has no district org; create the "
                "district first or add its org row."
            )
        )
    return District.objects.create(
        name=name, slug=slugify(name)[:50] or "district", sourced_id=reader.roster.district_org or ""
    )


def summary_lines(run: ImportRun) -> list[str]:
    lines = []
    for entity in ENTITIES:
        c = run.counts.get(entity)
        if c:
            lines.append(
                _("%(e)s: %(c)s created, %(u)s updated, %(d)s deactivated, %(n)s unchanged")
                % {"e": entity, "c": c["created"], "u": c["updated"], "d": c["deactivated"], "n": c["unchanged"]}
            )
    profiles = run.counts.get("userProfiles", {}).get("counted", 0)
    if profiles:
        lines.append(_("userProfiles: %(n)s counted, not stored") % {"n": profiles})
    return lines


def fail_interrupted_runs(*, actor: Any, older_than_minutes: int) -> int:
    """Runs a stopped process left "running" (or "queued") are marked failed; their transaction never committed.

    Run at start-up (``pollinate roster_fail_interrupted``): an import lives in a thread of the process that
    started it, so after a restart nothing will ever finish those runs.
    """
    cutoff = timezone.now() - dt.timedelta(minutes=older_than_minutes)
    stale = ImportRun.objects.filter(
        Q(status=ImportRun.Status.RUNNING, started_at__lt=cutoff)
        | Q(status=ImportRun.Status.RUNNING, started_at__isnull=True, created_at__lt=cutoff)
        | Q(status=ImportRun.Status.QUEUED, created_at__lt=cutoff)
    )
    with transaction.atomic():
        runs = list(stale.select_for_update().only("id", "district_id"))
        if not runs:
            return 0
        ImportRun.objects.filter(id__in=[r.pk for r in runs]).update(
            status=ImportRun.Status.FAILED,
            finished_at=timezone.now(),
            current_file="",
            error_count=1,
            problems=[
                {
                    "level": "error",
                    "text": _(
                        "The import was interrupted (the server stopped while it ran); nothing was written. "
                        "Upload the file again."
                    ),
                }
            ],
        )
        for run in runs:
            audit_log(actor, "roster.import_interrupted", run, district_id=run.district_id)
    return len(runs)
