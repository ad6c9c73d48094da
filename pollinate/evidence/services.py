"""Every write to evidence. Only the learner creates, changes and deletes their own work.

Files are checked by content (``uploads.inspect_upload``) before anything is stored, saved under a random
name, and removed again if the database write does not commit, so a refusal leaves no row and no file.
"""

from __future__ import annotations

import datetime
import html
import re
import uuid
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from pollinate.core.access import get_object_for, require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError
from pollinate.core.sanitize import clean_html
from pollinate.evidence import policies
from pollinate.evidence.models import AUDIENCE_ORDER, Audience, DistrictEvidenceSettings, Evidence
from pollinate.evidence.uploads import inspect_upload, make_thumbnail
from pollinate.people.roles import scope_for

FILE_KINDS = {Evidence.Kind.DRAWING, Evidence.Kind.AUDIO, Evidence.Kind.VIDEO, Evidence.Kind.PHOTO,
              Evidence.Kind.FILE}
TITLE_MAX = Evidence._meta.get_field("title").max_length
ORIGINAL_NAME_MAX = Evidence._meta.get_field("original_name").max_length
# Only the tags the sanitizer keeps count as HTML: "<last>" in a sentence is text and must survive as text.
KNOWN_TAG = re.compile(r"</?(p|br|strong|b|em|i|u|s|ul|ol|li|blockquote|h[234]|a|code|pre|hr)\b[^>]*>", re.I)
BLOCK_TAG = re.compile(r"</?(p|br|ul|ol|li|blockquote|h[234]|pre|hr)\b", re.I)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
LINK_VALIDATOR = URLValidator(schemes=["http", "https"])


def writing_to_html(raw: str) -> str:
    """Learners type plain text or simple HTML. Plain text becomes paragraphs; either way it is sanitized."""
    text = (raw or "").replace("\r\n", "\n").strip()
    has_markup = bool(KNOWN_TAG.search(text))
    if not BLOCK_TAG.search(text):
        paragraphs = [p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip()]
        text = "".join(
            "<p>{}</p>".format((p if has_markup else html.escape(p)).replace("\n", "<br>")) for p in paragraphs
        )
    return clean_html(text)


def evidence_create(
    *,
    actor: Any,
    kind: str,
    title: str,
    body: str = "",
    link_url: str = "",
    upload: IO[bytes] | None = None,
    upload_name: str = "",
    upload_size: int | None = None,
    audience: str | None = None,
    in_portfolio: bool = False,
    goal_id: int | None = None,
    activity_id: int | None = None,
    inquiry_id: int | None = None,
    produced_on: datetime.date | None = None,
    path: str = "",
) -> Evidence:
    scope = scope_for(actor)
    require(not scope.is_anonymous and actor.district_id is not None,
            _("Only a learner in a district can add evidence."))
    if kind not in Evidence.Kind.values:
        raise ApplicationError(_("Choose how you want to show your learning."))
    title = (title or "").strip()
    if not title:
        raise ApplicationError(_("Give your evidence a title."), details=["title"])
    rules = policies.settings_for(actor.district_id)
    chosen = _checked_audience(actor, audience, rules)
    evidence = Evidence(
        district_id=actor.district_id,
        learner=actor,
        kind=kind,
        title=title[:TITLE_MAX],
        audience=chosen,
        in_portfolio=bool(in_portfolio),
        produced_on=produced_on or timezone.localdate(),
    )
    _attach(actor, evidence, goal_id=goal_id, activity_id=activity_id, inquiry_id=inquiry_id)

    checked = None
    if kind == Evidence.Kind.WRITING:
        evidence.body = writing_to_html(body)
        if not strip_tags(evidence.body).strip():
            raise ApplicationError(_("Write something before saving."), details=["body"])
    elif kind == Evidence.Kind.LINK:
        evidence.link_url = _checked_link(link_url)
        evidence.body = writing_to_html(body)
    else:
        if upload is None:
            raise ApplicationError(_("Choose a file, or record or draw something first."), details=["file"])
        size = upload_size if upload_size is not None else _size_of(upload)
        checked = inspect_upload(upload, kind=kind, size=size, max_bytes=rules.max_upload_mb * 1024 * 1024)
        evidence.body = writing_to_html(body)
        evidence.content_type = checked.content_type
        evidence.file_size = checked.size
        evidence.original_name = (upload_name or getattr(upload, "name", "") or "")[-ORIGINAL_NAME_MAX:]

    stored: list[str] = []
    try:
        with transaction.atomic():
            if checked is not None and upload is not None:
                stem = uuid.uuid4().hex
                evidence.file.save(f"{stem}{checked.extension}", File(upload), save=False)
                stored.append(evidence.file.name)
                if checked.is_image:
                    evidence.thumbnail.save(f"{stem}.jpg", ContentFile(make_thumbnail(upload)), save=False)
                    stored.append(evidence.thumbnail.name)
            evidence.save()
            audit_log(actor, "evidence.create", evidence, path=path, kind=kind, audience=chosen)
    except BaseException:
        _delete_files(stored)
        raise
    return evidence


def evidence_update(
    *,
    actor: Any,
    evidence_id: Any,
    title: str | None = None,
    body: str | None = None,
    audience: str | None = None,
    in_portfolio: bool | None = None,
    produced_on: datetime.date | None = None,
    path: str = "",
) -> Evidence:
    with transaction.atomic():
        evidence = _own_for_update(actor, evidence_id, policies.can_update_evidence)
        changed: list[str] = []
        previous_audience = evidence.audience
        if title is not None:
            title = title.strip()
            if not title:
                raise ApplicationError(_("Give your evidence a title."), details=["title"])
            evidence.title = title[:TITLE_MAX]
            changed.append("title")
        if body is not None:
            evidence.body = writing_to_html(body)
            if evidence.kind == Evidence.Kind.WRITING and not strip_tags(evidence.body).strip():
                raise ApplicationError(_("Write something before saving."), details=["body"])
            changed.append("body")
        if audience is not None and audience != evidence.audience:
            evidence.audience = _checked_audience(actor, audience, policies.settings_for(evidence.district_id))
            changed.append("audience")
        if in_portfolio is not None and bool(in_portfolio) != evidence.in_portfolio:
            evidence.in_portfolio = bool(in_portfolio)
            changed.append("in_portfolio")
        if produced_on is not None:
            evidence.produced_on = produced_on
            changed.append("produced_on")
        if not changed:
            return evidence
        evidence.updated_at = timezone.now()
        evidence.save(update_fields=[*changed, "updated_at"])
        data: dict[str, Any] = {"fields": changed}
        if "audience" in changed:
            data.update(audience_from=previous_audience, audience_to=evidence.audience)
        audit_log(actor, "evidence.update", evidence, path=path, **data)
    return evidence


def evidence_set_portfolio(*, actor: Any, evidence_id: Any, in_portfolio: bool, path: str = "") -> Evidence:
    return evidence_update(actor=actor, evidence_id=evidence_id, in_portfolio=in_portfolio, path=path)


def evidence_delete(*, actor: Any, evidence_id: Any, path: str = "") -> None:
    with transaction.atomic():
        evidence = _own_for_update(actor, evidence_id, policies.can_delete_evidence)
        files = [name for name in (evidence.file.name, evidence.thumbnail.name) if name]
        audit_log(actor, "evidence.delete", evidence, path=path, title=evidence.title, kind=evidence.kind)
        evidence.delete()
        # The files go only once the row is surely gone.
        transaction.on_commit(lambda: _delete_files(files))


def _own_for_update(actor: Any, evidence_id: Any, allowed: Any) -> Evidence:
    visible = policies.evidence_visible_to(actor).select_for_update()
    return get_object_for(actor, visible, evidence_id, allowed=allowed)


def _checked_audience(actor: Any, audience: str | None, rules: Any) -> str:
    allowed = policies.audiences_allowed_for(actor, rules)
    if not audience:
        return policies.default_audience(allowed)
    if audience not in Audience.values:
        raise ApplicationError(_("Choose who can see this."), details=["audience"])
    if audience not in allowed:
        if audience == Audience.PUBLIC:
            raise ApplicationError(
                _("A public showcase is only open to learners aged %(age)s or older in your district.")
                % {"age": rules.public_min_age},
                details=["audience"],
            )
        raise ApplicationError(_("Your district does not allow sharing with this audience."), details=["audience"])
    return audience


def _checked_link(link_url: str) -> str:
    url = (link_url or "").strip()
    try:
        LINK_VALIDATOR(url)
    except ValidationError as exc:
        raise ApplicationError(_("Enter a web address starting with http:// or https://."),
                               details=["link_url"]) from exc
    return url


def _attach(actor: Any, evidence: Evidence, *, goal_id: Any, activity_id: Any, inquiry_id: Any) -> None:
    for value, attachable, field, message in (
        (goal_id, policies.goals_attachable_by, "goal", _("You can only add evidence to your own goals.")),
        (activity_id, policies.activities_attachable_by, "activity",
         _("You can only add evidence to activities offered to you.")),
        (inquiry_id, policies.inquiries_attachable_by, "inquiry",
         _("You can only add evidence to your own inquiries.")),
    ):
        if value in (None, ""):
            continue
        try:
            target = attachable(actor).get(pk=value)
        except (ValueError, TypeError, attachable(actor).model.DoesNotExist) as exc:
            raise ApplicationError(message, details=[field]) from exc
        setattr(evidence, field, target)


def _size_of(upload: IO[bytes]) -> int:
    size = getattr(upload, "size", None)
    if size is not None:
        return int(size)
    upload.seek(0, 2)
    end = upload.tell()
    upload.seek(0)
    return end


def _delete_files(names: list[str]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)


def district_evidence_settings_update(
    *, actor: Any, district_id: int, allowed_audiences: list[str], public_min_age: int, max_upload_mb: int
) -> DistrictEvidenceSettings:
    """Change what a district allows. Existing pieces keep their audience until their learner edits them."""
    require(policies.can_manage_evidence_settings(actor, district_id))
    unknown = set(allowed_audiences) - set(AUDIENCE_ORDER)
    problems = []
    if unknown:
        problems.append(_("Unknown audience: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    if Audience.ONLY_ME not in allowed_audiences and allowed_audiences:
        problems.append(_("Learners must always be able to keep work to themselves (“Only me”)."))
    if not 0 <= public_min_age <= 21:
        problems.append(_("The youngest age for a public showcase must be between 0 and 21."))
    if not 1 <= max_upload_mb <= 2048:
        problems.append(_("The upload limit must be between 1 and 2048 MB."))
    if problems:
        raise ApplicationError(_("These settings cannot be saved."), details=problems)
    with transaction.atomic():
        current, _created = DistrictEvidenceSettings.objects.select_for_update().get_or_create(district_id=district_id)
        before = {
            "allowed_audiences": current.allowed_audiences,
            "public_min_age": current.public_min_age,
            "max_upload_mb": current.max_upload_mb,
        }
        # Storing every audience is the same as "no restriction"; keep the empty list so new levels stay open.
        current.allowed_audiences = [] if set(allowed_audiences) >= set(AUDIENCE_ORDER) else [
            a for a in AUDIENCE_ORDER if a in allowed_audiences
        ]
        current.public_min_age = public_min_age
        current.max_upload_mb = max_upload_mb
        current.save()
        audit_log(actor, "evidence.settings_update", current, district_id=district_id, before=before,
                  after={"allowed_audiences": current.allowed_audiences, "public_min_age": public_min_age,
                         "max_upload_mb": max_upload_mb})
    return current
