"""Rubric scales: the shared default 1-4 scale, and the scales a district administrator designs."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pollinate.competencies import policies
from pollinate.competencies.models import RubricLevel, RubricScale
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError
from pollinate.people.models import District

# (points, label, family words, what it looks like). Stored in English; the labels are in the catalog.
DEFAULT_LEVELS: tuple[tuple[int, str, str, str], ...] = (
    (
        1,
        gettext_noop("Beginning"),
        gettext_noop("just starting"),
        gettext_noop("Starting to work on this, with a lot of help."),
    ),
    (
        2,
        gettext_noop("Developing"),
        gettext_noop("getting there"),
        gettext_noop("Can do parts of this, sometimes with help."),
    ),
    (3, gettext_noop("Proficient"), gettext_noop("on pace"), gettext_noop("Can do this on their own, reliably.")),
    (
        4,
        gettext_noop("Extending"),
        gettext_noop("going beyond"),
        gettext_noop("Uses this in new situations and can teach it to others."),
    ),
)
DEFAULT_SCALE_NAME = gettext_noop("Beginning to Extending (1-4)")
DEFAULT_THRESHOLD = 3


def ensure_default_scale(district: District | int | None = None) -> RubricScale:
    """The default 1-4 scale (shared when ``district`` is None, else that district's own copy), created once.

    Idempotent and safe to call concurrently: a second caller racing the first finds the row the first made.
    """
    district_id = district.pk if isinstance(district, District) else district
    existing = RubricScale.objects.filter(district_id=district_id, is_default=True).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            scale = RubricScale.objects.create(
                district_id=district_id, name=DEFAULT_SCALE_NAME, mastery_threshold=DEFAULT_THRESHOLD, is_default=True
            )
            RubricLevel.objects.bulk_create(
                RubricLevel(scale=scale, value=value, label=label, family_label=family, description=description)
                for value, label, family, description in DEFAULT_LEVELS
            )
    except IntegrityError:
        return RubricScale.objects.get(district_id=district_id, is_default=True)
    return scale


def _validated_levels(levels: list[dict[str, Any]], threshold: float) -> list[dict[str, Any]]:
    errors: list[str] = []
    clean: list[dict[str, Any]] = []
    for row in levels:
        value = row.get("value")
        label = (row.get("label") or "").strip()
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            errors.append(_("Points must be whole numbers, 0 or more (not “%(value)s”).") % {"value": value})
            continue
        if not label:
            errors.append(_("Level %(value)d needs a label.") % {"value": value})
        if len(label) > 80:
            errors.append(_("Keep the label of level %(value)d to 80 characters.") % {"value": value})
        family = (row.get("family_label") or "").strip()
        if len(family) > 120:
            errors.append(_("Keep the family words of level %(value)d to 120 characters.") % {"value": value})
        clean.append(
            {
                "value": value,
                "label": label,
                "family_label": family,
                "description": (row.get("description") or "").strip(),
            }
        )
    values = sorted(row["value"] for row in clean)
    if len(levels) < 2:
        errors.append(_("A scale needs at least 2 levels."))
    elif len(set(values)) != len(values):
        duplicates = sorted({v for v in values if values.count(v) > 1})
        errors.append(
            _("Each level needs its own points; repeated: %(values)s.") % {"values": ", ".join(map(str, duplicates))}
        )
    elif values and values != list(range(values[0], values[0] + len(values))):
        errors.append(
            _("Points must follow on without gaps (for example 1, 2, 3, 4); these are %(values)s.")
            % {"values": ", ".join(map(str, values))}
        )
    if clean and values and not values[0] <= threshold <= values[-1]:
        errors.append(_("“Mastered at” must be between %(low)d and %(high)d.") % {"low": values[0], "high": values[-1]})
    if errors:
        raise ApplicationError(_("Please check the scale."), details=errors)
    return sorted(clean, key=lambda row: row["value"])


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ApplicationError(_("Please check the scale."), details=[_("Give the scale a name.")])
    return name[:120]


def scale_create(
    *, actor: Any, district: District, name: str, mastery_threshold: float, levels: list[dict[str, Any]]
) -> RubricScale:
    """A district's own rubric scale: at least two levels with contiguous, unique points."""
    require(policies.can_manage_frameworks(actor, district), _("Only district administrators design scales."))
    clean = _validated_levels(levels, mastery_threshold)
    with transaction.atomic():
        scale = RubricScale.objects.create(district=district, name=_name(name), mastery_threshold=mastery_threshold)
        RubricLevel.objects.bulk_create(RubricLevel(scale=scale, **row) for row in clean)
        audit_log(actor, "competencies.scale_created", scale, levels=len(clean))
    return scale


def scale_update(
    *, actor: Any, scale: RubricScale, name: str, mastery_threshold: float, levels: list[dict[str, Any]]
) -> RubricScale:
    """Rename the scale, move its threshold and replace its levels."""
    require(policies.can_edit_scale(actor, scale), _("Only district administrators change their district's scales."))
    clean = _validated_levels(levels, mastery_threshold)
    with transaction.atomic():
        scale = RubricScale.objects.select_for_update().get(pk=scale.pk)
        scale.name = _name(name)
        scale.mastery_threshold = mastery_threshold
        scale.save(update_fields=["name", "mastery_threshold"])
        scale.levels.all().delete()
        RubricLevel.objects.bulk_create(RubricLevel(scale=scale, **row) for row in clean)
        audit_log(actor, "competencies.scale_updated", scale, levels=len(clean), mastered_at=mastery_threshold)
    return scale
