"""The network: assign supporters, end assignments; the district's coaching settings and cadence rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pollinate.coaching import policies
from pollinate.coaching.models import CadenceRule, ClosureDay, CoachingSettings
from pollinate.coaching.services._common import ACTIVE, INACTIVE, Kind
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, Conflict
from pollinate.notifications.services import notify
from pollinate.people.models import CoachingAssignment, District, Person, School
from pollinate.people.roles import forget_scope


def assignment_create(
    *, actor: Any, coach: Person, coachee: Person, kind: str, school: School | None = None
) -> CoachingAssignment:
    """Make ``coach`` the supporter of ``coachee``; an ended assignment between them is brought back."""
    if kind not in Kind.values:
        raise ApplicationError(_("Choose what kind of support this is."))
    district_id = coachee.district_id
    require(policies.can_manage_network(actor, district_id=district_id, school_id=school.pk if school else None))
    if coach.pk == coachee.pk:
        raise ApplicationError(_("Someone cannot support themselves."))
    if coach.district_id != district_id or (school is not None and school.district_id != district_id):
        raise ApplicationError(_("Supporter, supported person and school must be in the same district."))
    if coach.status != ACTIVE or coachee.status != ACTIVE:
        raise ApplicationError(_("Only people on the current roster can be part of the network."))
    with transaction.atomic():
        assignment = (
            CoachingAssignment.objects.select_for_update().filter(coach=coach, coachee=coachee, kind=kind).first()
        )
        if assignment is not None and assignment.status == ACTIVE:
            raise Conflict(
                _("%(coach)s already supports %(coachee)s.")
                % {"coach": coach.display_name, "coachee": coachee.display_name}
            )
        if assignment is None:
            assignment = CoachingAssignment.objects.create(
                district_id=district_id, coach=coach, coachee=coachee, kind=kind, school=school
            )
        else:
            assignment.status = ACTIVE
            assignment.school = school
            assignment.created_at = timezone.now()
            assignment.save(update_fields=["status", "school", "created_at"])
        audit_log(actor, "coaching.assignment_create", assignment, coach=coach.pk, coachee=coachee.pk, kind=kind)
        notify(
            recipient=coach,
            actor=actor,
            message=gettext_lazy("You now support %(name)s."),
            params={"name": coachee.display_name},
            url=reverse("coaching:caseload"),
        )
        notify(
            recipient=coachee,
            actor=actor,
            message=gettext_lazy("%(name)s is now your %(kind)s."),
            params={"name": coach.display_name, "kind": supporter_word(kind)},
            url=reverse("coaching:check-ins"),
        )
    forget_scope(actor)
    return assignment


def supporter_word(kind: str) -> str:
    # Lazy: it is put into notifications in the recipient's language.
    return gettext_lazy("mentor") if kind == Kind.MENTOR_TO_STUDENT else gettext_lazy("coach")


def assignment_end(*, actor: Any, assignment: CoachingAssignment) -> CoachingAssignment:
    """End the relationship; the row stays (inactive) so the history of who supported whom is kept."""
    require(policies.can_manage_network(actor, district_id=assignment.district_id, school_id=assignment.school_id))
    if assignment.status != ACTIVE:
        raise Conflict(_("This assignment has already ended."))
    with transaction.atomic():
        CoachingAssignment.objects.filter(pk=assignment.pk).update(status=INACTIVE)
        assignment.status = INACTIVE
        audit_log(
            actor, "coaching.assignment_end", assignment, coach=assignment.coach_id, coachee=assignment.coachee_id
        )
    return assignment


def coaching_settings_update(
    *, actor: Any, district: District, target_caseload: int, escalation_grace_days: int
) -> CoachingSettings:
    require(policies.can_manage_coaching_settings(actor, district.pk))
    if not 1 <= int(target_caseload) <= 500:
        raise ApplicationError(_("The target caseload is between 1 and 500 people per coach."))
    if not 0 <= int(escalation_grace_days) <= 60:
        raise ApplicationError(_("The grace period is between 0 and 60 school days."))
    with transaction.atomic():
        found, _created = CoachingSettings.objects.select_for_update().get_or_create(district=district)
        found.target_caseload = int(target_caseload)
        found.escalation_grace_days = int(escalation_grace_days)
        found.save()
        audit_log(
            actor,
            "coaching.settings_update",
            found,
            district_id=district.pk,
            target_caseload=found.target_caseload,
            escalation_grace_days=found.escalation_grace_days,
        )
    return found


def cadence_rule_save(
    *,
    actor: Any,
    district: District,
    kind: str,
    every_school_days: int,
    requires_supporter: bool = True,
    school: School | None = None,
) -> CadenceRule:
    """Set how often a kind of relationship must meet, district-wide or for one school (one rule per kind)."""
    if kind not in Kind.values:
        raise ApplicationError(_("Choose what kind of support this is."))
    if school is not None and school.district_id != district.pk:
        raise ApplicationError(_("That school is not in this district."))
    require(policies.can_manage_cadence(actor, district_id=district.pk, school_id=school.pk if school else None))
    if not 1 <= int(every_school_days) <= 200:
        raise ApplicationError(_("A cadence is between 1 and 200 school days."))
    with transaction.atomic():
        rule, created = CadenceRule.objects.select_for_update().get_or_create(
            district=district,
            school=school,
            kind=kind,
            defaults={"every_school_days": every_school_days, "requires_supporter": requires_supporter},
        )
        if not created:
            rule.every_school_days = int(every_school_days)
            rule.requires_supporter = requires_supporter
            rule.save(update_fields=["every_school_days", "requires_supporter"])
        audit_log(
            actor,
            "coaching.cadence_save",
            rule,
            kind=kind,
            every=rule.every_school_days,
            school=school.pk if school else None,
        )
    return rule


def cadence_rule_delete(*, actor: Any, rule: CadenceRule) -> None:
    require(policies.can_change_cadence_rule(actor, rule))
    with transaction.atomic():
        audit_log(actor, "coaching.cadence_delete", rule, kind=rule.kind)
        rule.delete()


def closure_day_add(*, actor: Any, district: District, date: dt.date, name: str = "") -> ClosureDay:
    """A weekday without school (a holiday): it stops counting as a school day for every cadence."""
    require(policies.can_manage_coaching_settings(actor, district.pk))
    if date.weekday() >= 5:
        raise ApplicationError(_("Weekends are never school days; choose a weekday."))
    with transaction.atomic():
        day, created = ClosureDay.objects.get_or_create(
            district=district, date=date, defaults={"name": (name or "").strip()[:120]}
        )
        if not created:
            raise Conflict(_("That day is already a closure day."))
        audit_log(actor, "coaching.closure_add", day, date=date.isoformat())
    return day


def closure_day_remove(*, actor: Any, day: ClosureDay) -> None:
    require(policies.can_manage_coaching_settings(actor, day.district_id))
    with transaction.atomic():
        audit_log(actor, "coaching.closure_remove", day, date=day.date.isoformat())
        day.delete()
