"""Writing learner profiles. Co-constructed: the learner or any of their guides edits; last edit wins."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.core.access import get_object_for, require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError
from pollinate.evidence.models import Evidence
from pollinate.learners import policies
from pollinate.learners.models import LearnerProfile

AREA_FIELDS = tuple(
    f"{area}_{aspect}"
    for area in ("access", "engage", "express")
    for aspect in ("strengths", "challenges", "preferences", "needs")
)
TEXT_FIELDS = (*AREA_FIELDS, "interests", "talents", "aspirations", "story")
TEXT_MAX = 4000
EVIDENCE_MODES = tuple(Evidence.Kind.values)


@transaction.atomic
def profile_update(*, actor: Any, learner_id: Any, path: str = "", **changes: Any) -> LearnerProfile:
    """Change some fields of a learner's profile (creating it on first write). Unknown fields are refused."""
    learner = get_object_for(actor, policies.profile_learners_visible_to(actor), learner_id)
    require(policies.can_edit_profile(actor, learner), _("Family members can read this profile but not change it."))
    unknown = sorted(set(changes) - set(TEXT_FIELDS) - {"preferred_modes"})
    if unknown:
        raise ApplicationError(_("These fields cannot be changed here."), details=unknown)
    if learner.district_id is None:
        raise ApplicationError(_("This person does not belong to a district yet."))
    errors = []
    for name in set(changes) & set(TEXT_FIELDS):
        value = (changes[name] or "").strip()
        if len(value) > TEXT_MAX:
            errors.append(_("%(field)s: keep it under %(n)d characters.") % {"field": name, "n": TEXT_MAX})
        changes[name] = value
    if "preferred_modes" in changes:
        modes = list(dict.fromkeys(changes["preferred_modes"] or []))
        bad = [m for m in modes if m not in EVIDENCE_MODES]
        if bad:
            errors.append(_("Unknown ways of showing learning: %(modes)s") % {"modes": ", ".join(map(str, bad))})
        changes["preferred_modes"] = modes
    if errors:
        raise ApplicationError(_("The profile was not saved."), details=errors)

    profile = LearnerProfile.objects.select_for_update().filter(learner=learner).first()
    if profile is None:
        profile = LearnerProfile(learner=learner, district_id=learner.district_id)
    for name, value in changes.items():
        setattr(profile, name, value)
    profile.updated_at = timezone.now()
    profile.updated_by = actor
    profile.save()
    audit_log(actor, "learner_profile.update", profile, district_id=learner.district_id, path=path,
              learner_id=learner.pk, fields=sorted(changes))
    return profile
