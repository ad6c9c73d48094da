"""Frameworks a district builds itself and their competency trees, each framework's scale and mastery method,
and the built-in frameworks.

Tree edits (add, edit, move, nest, remove) are for frameworks built by the district: an imported framework's
tree belongs to its CASE package and would be overwritten by the next import. Positions are the pre-order
index of the whole tree, so one ``ORDER BY position`` lists a framework in reading order; ``_renumber`` keeps
positions, depths and "scorable" (leaves only) right after every change, in two queries.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pollinate.competencies import policies
from pollinate.competencies.models import (
    Calculation,
    Competency,
    DistrictCalculation,
    Framework,
    RubricLevel,
    RubricScale,
)
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, Conflict
from pollinate.people.models import District

# A new or moved competency sorts after its siblings until the tree is renumbered.
AT_THE_END = 2_000_000_000
MANAGE_MESSAGE = gettext_noop("Only district administrators change their district's frameworks.")


def ensure_built_in_frameworks() -> list[Framework]:
    """Create or refresh the built-in frameworks (migration 0004 runs the same seed); idempotent."""
    from pollinate.competencies.built_in import seed

    with transaction.atomic():
        return seed(Framework, Competency, RubricScale, RubricLevel)


def _framework_fields(title: str, description: str, subject: str) -> dict[str, str]:
    title = (title or "").strip()
    errors = []
    if not title:
        errors.append(_("Give the framework a title."))
    elif len(title) > 255:
        errors.append(_("Keep the title to 255 characters."))
    if len(subject or "") > 255:
        errors.append(_("Keep the subject to 255 characters."))
    if errors:
        raise ApplicationError(_("Please check the framework."), details=errors)
    return {"title": title, "description": (description or "").strip(), "subject": (subject or "").strip()}


def _scale_for(district_id: int, scale: RubricScale | None) -> RubricScale:
    from pollinate.competencies.services.scales import ensure_default_scale

    if scale is None:
        return ensure_default_scale(district_id)
    if scale.district_id not in (None, district_id):
        raise ApplicationError(_("Choose one of your district's scales."))
    return scale


def framework_create(
    *, actor: Any, district: District, title: str, description: str = "", subject: str = "", scale=None
) -> Framework:
    require(policies.can_manage_frameworks(actor, district), _(MANAGE_MESSAGE))
    fields = _framework_fields(title, description, subject)
    with transaction.atomic():
        framework = Framework.objects.create(
            district=district, source=Framework.Source.LOCAL, scale=_scale_for(district.pk, scale), **fields
        )
        audit_log(actor, "competencies.framework_created", framework)
    return framework


def framework_update(
    *, actor: Any, framework: Framework, title: str, description: str = "", subject: str = "", scale=None
) -> Framework:
    """Title, description and subject (district-built frameworks) and the scale (any district framework)."""
    require(policies.can_edit_framework(actor, framework), _(MANAGE_MESSAGE))
    with transaction.atomic():
        framework = Framework.objects.select_for_update().get(pk=framework.pk)
        if framework.source == Framework.Source.LOCAL:
            for name, value in _framework_fields(title, description, subject).items():
                setattr(framework, name, value)
        framework.scale = _scale_for(framework.district_id, scale or framework.scale)
        framework.updated_at = timezone.now()
        framework.save()
        audit_log(actor, "competencies.framework_updated", framework)
    return framework


def framework_set_mastery_method(
    *, actor: Any, framework: Framework, method: str, settings: dict, district_id: int | None = None
) -> Framework:
    """How mastery is calculated on this framework; settings checked by the calculations module. On a built-in
    framework the choice is ``district_id``'s, for its learners only: the other districts keep theirs."""
    from pollinate.mastery.calculations import validate_settings

    require(policies.can_set_calculation(actor, framework, district_id), _(MANAGE_MESSAGE))
    try:
        clean = validate_settings(method, settings)
    except ValueError as exc:
        raise ApplicationError(_("Please check the calculation."), details=[str(exc)]) from exc
    with transaction.atomic():
        framework = Framework.objects.select_for_update().get(pk=framework.pk)
        if framework.district_id is None:
            previous = framework.calculation_for(district_id)
            DistrictCalculation.objects.update_or_create(
                district_id=district_id,
                framework=framework,
                defaults={"mastery_method": method, "mastery_settings": clean, "updated_at": timezone.now()},
            )
            framework.__dict__.setdefault("_calculations", {})[district_id] = Calculation(method, clean)
        else:
            district_id = None
            previous = framework.calculation_for(None)
            framework.mastery_method = method
            framework.mastery_settings = clean
            framework.updated_at = timezone.now()
            framework.save(update_fields=["mastery_method", "mastery_settings", "updated_at"])
        audit_log(
            actor,
            "competencies.mastery_method_set",
            framework,
            district_id=district_id or framework.district_id,
            method=method,
            settings=clean,
            previous={"method": previous.method, "settings": previous.settings},
        )
        if clean != previous.settings or method != previous.method:
            # The stored levels (grid, progress, next steps) were calculated the old way.
            from pollinate.mastery.services import recompute_framework_soon

            recompute_framework_soon(framework.pk, district_id=district_id, requested_by=actor)
    return framework


# The tree of a district-built framework


def _require_tree_edit(actor: Any, framework: Framework) -> None:
    require(policies.can_edit_framework(actor, framework), _(MANAGE_MESSAGE))
    if framework.source != Framework.Source.LOCAL:
        raise Conflict(_("This framework comes from a CASE package: change it at its source and import it again."))


def _competency_fields(fields: dict[str, Any]) -> dict[str, str]:
    clean = {
        "statement": (fields.get("statement") or "").strip(),
        "code": (fields.get("code") or "").strip(),
        "abbreviated": (fields.get("abbreviated") or "").strip(),
        "item_type": (fields.get("item_type") or "").strip(),
        "education_levels": (fields.get("education_levels") or "").strip(),
    }
    errors = []
    if not clean["statement"]:
        errors.append(_("Describe the competency."))
    for name, limit in (("code", 120), ("abbreviated", 255), ("item_type", 120), ("education_levels", 255)):
        if len(clean[name]) > limit:
            errors.append(
                _("Keep “%(field)s” to %(limit)d characters.")
                % {"field": Competency._meta.get_field(name).verbose_name, "limit": limit}
            )
    if errors:
        raise ApplicationError(_("Please check the competency."), details=errors)
    return clean


def _parent_in(framework: Framework, parent_id: int | None, *, moving: Competency | None = None) -> int | None:
    if parent_id is None:
        return None
    rows = dict(Competency.objects.filter(framework=framework).values_list("id", "parent_id"))
    if parent_id not in rows:
        raise ApplicationError(_("Choose a parent from this framework."))
    if moving is not None:
        current: int | None = parent_id
        while current is not None:
            if current == moving.pk:
                raise ApplicationError(_("A competency cannot sit inside itself or one of its own parts."))
            current = rows.get(current)
    return parent_id


def _renumber(framework: Framework, *, sibling_order: list[Competency] | None = None) -> None:
    """Positions in reading order, depths and leaf flags for the whole tree (two queries).

    ``sibling_order`` puts one set of siblings in a new order; everything else keeps its order.
    """
    rows = list(Competency.objects.filter(framework=framework).order_by("position", "id"))
    children: dict[int | None, list[Competency]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    if sibling_order:
        rank = {row.pk: i for i, row in enumerate(sibling_order)}
        parent_id = sibling_order[0].parent_id
        children[parent_id] = sorted(children[parent_id], key=lambda row: rank[row.pk])
    order: list[Competency] = []
    stack = [(row, 0) for row in reversed(children.get(None, []))]
    while stack:
        row, depth = stack.pop()
        row.depth, row.position = depth, len(order)
        kids = children.get(row.pk, [])
        row.is_scorable = not kids
        order.append(row)
        stack.extend((kid, depth + 1) for kid in reversed(kids))
    Competency.objects.bulk_update(order, ["position", "depth", "is_scorable"], batch_size=500)


def competency_add(*, actor: Any, framework: Framework, parent_id: int | None = None, **fields: Any) -> Competency:
    """A new competency at the end of its parent's list (or of the top level)."""
    _require_tree_edit(actor, framework)
    clean = _competency_fields(fields)
    with transaction.atomic():
        Framework.objects.select_for_update().get(pk=framework.pk)
        parent_id = _parent_in(framework, parent_id)
        competency = Competency.objects.create(framework=framework, parent_id=parent_id, position=AT_THE_END, **clean)
        _renumber(framework)
        audit_log(actor, "competencies.competency_added", competency, district_id=framework.district_id)
    competency.refresh_from_db()
    return competency


def competency_update(*, actor: Any, competency: Competency, parent_id: int | None = None, **fields: Any) -> Competency:
    """Change the wording, and move the competency under another parent (at the end of its new siblings)."""
    framework = competency.framework
    _require_tree_edit(actor, framework)
    clean = _competency_fields(fields)
    with transaction.atomic():
        Framework.objects.select_for_update().get(pk=framework.pk)
        competency = Competency.objects.get(pk=competency.pk)
        parent_id = _parent_in(framework, parent_id, moving=competency)
        if parent_id != competency.parent_id:
            competency.position = AT_THE_END
        for name, value in clean.items():
            setattr(competency, name, value)
        competency.parent_id = parent_id
        competency.save()
        _renumber(framework)
        audit_log(actor, "competencies.competency_updated", competency, district_id=framework.district_id)
    competency.refresh_from_db()
    return competency


def competency_move(*, actor: Any, competency: Competency, direction: str) -> Competency:
    """Swap with the sibling before ("up") or after ("down"); at either end nothing changes."""
    if direction not in ("up", "down"):
        raise ApplicationError(_("Move a competency up or down."))
    framework = competency.framework
    _require_tree_edit(actor, framework)
    with transaction.atomic():
        Framework.objects.select_for_update().get(pk=framework.pk)
        competency = Competency.objects.get(pk=competency.pk)
        siblings = list(
            Competency.objects.filter(framework=framework, parent_id=competency.parent_id).order_by("position")
        )
        index = next(i for i, row in enumerate(siblings) if row.pk == competency.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
            _renumber(framework, sibling_order=siblings)
            audit_log(
                actor,
                "competencies.competency_moved",
                competency,
                district_id=framework.district_id,
                direction=direction,
            )
    competency.refresh_from_db()
    return competency


def competency_remove(*, actor: Any, competency: Competency) -> None:
    """Remove a competency and everything under it, unless any of them is already used (scored, aligned)."""
    from pollinate.competencies.services.case_import import competency_ids_in_use

    framework = competency.framework
    _require_tree_edit(actor, framework)
    with transaction.atomic():
        Framework.objects.select_for_update().get(pk=framework.pk)
        rows = dict(Competency.objects.filter(framework=framework).values_list("id", "parent_id"))
        subtree = {competency.pk}
        changed = True
        while changed:
            extra = {pk for pk, parent in rows.items() if parent in subtree and pk not in subtree}
            subtree |= extra
            changed = bool(extra)
        if competency_ids_in_use(sorted(subtree)):
            raise Conflict(_("This competency (or one inside it) already has scores or links, so it stays."))
        audit_log(
            actor, "competencies.competency_removed", competency, district_id=framework.district_id, count=len(subtree)
        )
        Competency.objects.filter(pk__in=subtree).delete()
        _renumber(framework)
