"""Importing a CASE package (or a spreadsheet read as one) into a district: create, or update in place by CASE
identifier, all or nothing.

Items that disappeared from the package are deleted when nothing refers to them; when anything does (a score,
an alignment: any other app's row pointing at the competency) they are kept, marked withdrawn, and reported.
A constant number of queries per tree level, whatever the number of items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pollinate.competencies import policies
from pollinate.competencies.case import Package, PackageRefused, read_package
from pollinate.competencies.models import Competency, CompetencyLink, Framework, LevelDescriptor
from pollinate.competencies.services.scales import ensure_default_scale
from pollinate.competencies.spreadsheet import looks_like_spreadsheet, read_spreadsheet
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError
from pollinate.people.models import District

ITEM_FIELDS = (
    "code",
    "statement",
    "abbreviated",
    "item_type",
    "education_levels",
    "position",
    "depth",
    "is_scorable",
)
FRAMEWORK_FIELDS = ("title", "case_uri", "creator", "version", "subject", "description", "licence")


class ImportRefused(ApplicationError):
    """The package is refused whole; ``details`` holds one line per problem (file, JSON pointer, message)."""


@dataclass
class ImportSummary:
    framework_id: int | None
    title: str
    dry_run: bool
    created_framework: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    other_associations: dict[str, int] = field(default_factory=dict)
    skipped_associations: dict[str, int] = field(default_factory=dict)
    described: int = 0  # competencies with rubric descriptions of their levels

    def lines(self) -> list[str]:
        verb = _("Checked (dry run, nothing written)") if self.dry_run else _("Imported")
        out = [
            f"{verb}: {self.title}",
            _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(removed)d removed, %(kept)d kept")
            % {
                "created": self.created,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "removed": len(self.removed),
                "kept": len(self.kept),
            },
        ]
        if self.removed:
            out.append(
                _("Removed (no longer in the package, never scored): %(list)s") % {"list": ", ".join(self.removed)}
            )
        if self.kept:
            out.append(
                _("Kept and marked withdrawn (no longer in the package, but already used): %(list)s")
                % {"list": ", ".join(self.kept)}
            )
        stored = {k: n - self.skipped_associations.get(k, 0) for k, n in self.other_associations.items()}
        stored = {k: n for k, n in stored.items() if n}
        if stored:
            kinds = ", ".join(f"{k} ({n})" for k, n in sorted(stored.items()))
            out.append(_("Connections beyond the tree, shown on each competency: %(kinds)s") % {"kinds": kinds})
        if self.skipped_associations:
            kinds = ", ".join(f"{k} ({n})" for k, n in sorted(self.skipped_associations.items()))
            out.append(
                _("Not imported (they connect nothing in this package): %(kinds)s") % {"kinds": kinds}
            )
        if self.described:
            out.append(
                ngettext(
                    "What each level looks like, from the package's rubrics: %(n)d competency",
                    "What each level looks like, from the package's rubrics: %(n)d competencies",
                    self.described,
                )
                % {"n": self.described}
            )
        out.extend(_("Note: %(w)s") % {"w": w} for w in self.warnings)
        return out


def framework_import_case(
    *,
    actor: Any,
    district: District,
    content: bytes | str,
    file_name: str,
    dry_run: bool = False,
    title: str = "",
) -> ImportSummary:
    """Import one CASE package, or a spreadsheet in OpenSALT's columns titled ``title``, into ``district``.
    ``actor`` None means the command line (an operator)."""
    if actor is not None:
        require(policies.can_manage_frameworks(actor, district), _("Only district administrators import frameworks."))
    try:
        if looks_like_spreadsheet(content, file_name):
            package = read_spreadsheet(content, file=file_name, title=title)
        else:
            package = read_package(content, file=file_name)
    except PackageRefused as exc:
        raise ImportRefused(
            _("The package was refused: %(n)d problem(s); nothing was imported.") % {"n": len(exc.problems)},
            details=[str(p) for p in exc.problems],
        ) from exc
    with transaction.atomic():
        summary, framework = _apply(district, package, dry_run=dry_run)
        if dry_run:
            transaction.set_rollback(True)
        else:
            audit_log(
                actor,
                "competencies.framework_imported",
                framework,
                district_id=district.pk,
                created=summary.created,
                updated=summary.updated,
                unchanged=summary.unchanged,
                removed=len(summary.removed),
                kept=len(summary.kept),
            )
    if dry_run:
        summary.framework_id = None if summary.created_framework else summary.framework_id
    return summary


def _apply(district: District, package: Package, *, dry_run: bool) -> tuple[ImportSummary, Framework]:
    now = timezone.now()
    framework = (
        Framework.objects.select_for_update().filter(district=district, case_identifier=package.identifier).first()
    )
    values = {
        "title": package.title,
        "case_uri": package.uri,
        "creator": package.creator,
        "version": package.version,
        "subject": package.subject,
        "description": package.description,
        "licence": package.licence,
    }
    created_framework = framework is None
    if framework is None:
        framework = Framework.objects.create(
            district=district,
            source=package.source,
            case_identifier=package.identifier,
            scale=ensure_default_scale(district),
            created_at=now,
            updated_at=now,
            **values,
        )
    summary = ImportSummary(
        framework_id=framework.pk,
        title=package.title,
        dry_run=dry_run,
        created_framework=created_framework,
        warnings=list(package.warnings),
        other_associations=dict(package.other_associations),
        skipped_associations=dict(package.skipped_associations),
    )
    framework_changed = any(getattr(framework, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(framework, name, value)

    existing = {c.case_identifier: c for c in Competency.objects.filter(framework=framework)}
    by_identifier: dict[str, Competency] = {}
    to_update: list[Competency] = []
    # Create level by level so a new item's parent already has its id.
    levels: dict[int, list] = {}
    for item in package.items:
        levels.setdefault(item.depth, []).append(item)
    for depth in sorted(levels):
        new_rows: list[Competency] = []
        for item in levels[depth]:
            parent_id = by_identifier[item.parent_identifier].pk if item.parent_identifier else None
            fields = {name: getattr(item, name) for name in ITEM_FIELDS}
            row = existing.get(item.identifier)
            if row is None:
                row = Competency(framework=framework, case_identifier=item.identifier, parent_id=parent_id, **fields)
                new_rows.append(row)
            else:
                changed = (
                    row.parent_id != parent_id
                    or row.withdrawn_at is not None
                    or any(getattr(row, name) != value for name, value in fields.items())
                )
                if changed:
                    for name, value in fields.items():
                        setattr(row, name, value)
                    row.parent_id = parent_id
                    row.withdrawn_at = None
                    to_update.append(row)
                else:
                    summary.unchanged += 1
            by_identifier[item.identifier] = row
        Competency.objects.bulk_create(new_rows)
        summary.created += len(new_rows)
    summary.updated = len(to_update)

    gone = [c for identifier, c in existing.items() if identifier not in by_identifier]
    used = competency_ids_in_use([c.pk for c in gone])
    kept = [c for c in gone if c.pk in used]
    removed = [c for c in gone if c.pk not in used]
    removed_ids = {c.pk for c in removed}
    parent_of = {c.pk: c.parent_id for c in existing.values()}
    survivors = {c.pk: c for c in by_identifier.values()} | {c.pk: c for c in kept}
    for offset, row in enumerate(sorted(kept, key=lambda c: c.position)):
        # A kept item whose parent goes moves up to the nearest ancestor that stays.
        parent_id = row.parent_id
        while parent_id is not None and parent_id in removed_ids:
            parent_id = parent_of.get(parent_id)
        row.withdrawn_at = row.withdrawn_at or now
        row.parent_id = parent_id
        row.position = len(package.items) + offset
    for row in kept:
        depth, parent_id = 0, row.parent_id
        while parent_id is not None and parent_id in survivors:
            depth += 1
            parent_id = survivors[parent_id].parent_id
        row.depth = depth
        row.is_scorable = True
    to_update.extend(kept)
    Competency.objects.bulk_update(to_update, [*ITEM_FIELDS, "parent", "withdrawn_at"], batch_size=500)
    if removed:
        Competency.objects.filter(pk__in=removed_ids).delete()
    # The connections beyond the tree are the package's, whole: replaced on every import.
    CompetencyLink.objects.filter(competency__framework=framework).delete()
    CompetencyLink.objects.bulk_create(
        CompetencyLink(
            competency=by_identifier[link.origin],
            kind=link.kind,
            target_identifier=link.target_identifier,
            target_uri=link.target_uri,
            target_title=link.target_title,
            incoming=link.incoming,
        )
        for link in package.links
    )
    # So are the rubric descriptions of each level.
    LevelDescriptor.objects.filter(competency__framework=framework).delete()
    LevelDescriptor.objects.bulk_create(
        LevelDescriptor(
            competency=by_identifier[d.item],
            criterion=d.criterion,
            score=d.score,
            quality=d.quality,
            description=d.description,
            feedback=d.feedback,
            position=d.position,
        )
        for d in package.descriptors
    )
    summary.described = len({d.item for d in package.descriptors})
    summary.removed = [_label(c) for c in sorted(removed, key=lambda c: c.position)]
    summary.kept = [_label(c) for c in sorted(kept, key=lambda c: c.position)]

    if framework_changed or summary.created or to_update or removed:
        framework.updated_at = now
        framework.save(update_fields=[*FRAMEWORK_FIELDS, "updated_at"])
    return summary, framework


def _label(competency: Competency) -> str:
    return competency.code or competency.case_identifier


def competency_ids_in_use(ids: list[int]) -> set[int]:
    """Which of these competencies any other app's rows refer to (scores, alignments...).

    One query per referring model, whatever the number of ids; nothing refers to them yet when only this app
    is installed.
    """
    if not ids:
        return set()
    used: set[int] = set()
    for relation in Competency._meta.related_objects:
        model = relation.related_model
        if model._meta.app_label == Competency._meta.app_label:
            continue
        name = relation.field.name
        used.update(
            model._base_manager.filter(**{f"{name}__in": ids}).values_list(name, flat=True).distinct().order_by()
        )
    return {pk for pk in used if pk is not None}
