"""Writes for choice boards and playlists: building them, choosing, progress and learners' proposals."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pollinate.choice import policies
from pollinate.choice.models import Activity, ActivityChoice, Pathway, PathwayItem
from pollinate.core.access import get_object_for, require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, Conflict, NotFound
from pollinate.evidence.models import Evidence
from pollinate.goals.models import SystemGoal
from pollinate.notifications.services import notify
from pollinate.people.models import Section

MAX_PICKS = 20


def _clean_modes(modes: list[str] | None) -> list[str]:
    modes = list(dict.fromkeys(modes or []))
    bad = [m for m in modes if m not in Evidence.Kind.values]
    if bad:
        raise ApplicationError(_("Unknown ways of showing learning."), details=[str(m) for m in bad])
    return modes


def _title(value: str) -> str:
    title = (value or "").strip()
    if not title:
        raise ApplicationError(_("Give it a title."))
    if len(title) > 200:
        raise ApplicationError(_("Keep the title under 200 characters."))
    return title


def _pathway_for(actor: Any, pathway_id: Any, *, lock: bool = False) -> Pathway:
    qs = policies.pathways_visible_to(actor).prefetch_related("sections")
    if lock:
        qs = qs.select_for_update()
    return get_object_for(actor, qs, pathway_id)


@transaction.atomic
def pathway_create(
    *, actor: Any, kind: str, title: str, section_ids: list[int], instructions: str = "", picks_required: int = 1,
) -> Pathway:
    """A draft choice board or playlist for classes the actor teaches (all of them)."""
    ids = {int(i) for i in section_ids}
    require(policies.can_create_pathway_for(actor, ids), _("You can only build pathways for classes you teach."))
    if kind not in Pathway.Kind.values:
        raise ApplicationError(_("Choose a choice board or a playlist."))
    if not 1 <= int(picks_required) <= MAX_PICKS:
        raise ApplicationError(_("Picks required must be between 1 and %(n)d.") % {"n": MAX_PICKS})
    sections = list(Section.objects.filter(id__in=ids))
    districts = {s.district_id for s in sections}
    if len(districts) != 1:
        raise ApplicationError(_("All the classes must be in the same district."))
    pathway = Pathway.objects.create(
        district_id=districts.pop(), kind=kind, title=_title(title), instructions=(instructions or "").strip(),
        created_by=actor, picks_required=int(picks_required) if kind == Pathway.Kind.CHOICE_BOARD else 1,
    )
    pathway.sections.set(sections)
    audit_log(actor, "pathway.create", pathway, section_ids=sorted(ids))
    return pathway


@transaction.atomic
def pathway_update(
    *, actor: Any, pathway_id: Any, title: str, instructions: str = "", picks_required: int = 1
) -> Pathway:
    """Fix a board's or playlist's title, instructions or (boards) how many activities each learner picks."""
    pathway = get_object_for(
        actor, policies.pathways_visible_to(actor), pathway_id, allowed=policies.can_manage_pathway
    )
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if not 1 <= int(picks_required) <= MAX_PICKS:
        raise ApplicationError(_("Picks required must be between 1 and %(n)d.") % {"n": MAX_PICKS})
    new = {
        "title": _title(title),
        "instructions": (instructions or "").strip(),
        "picks_required": int(picks_required) if pathway.kind == Pathway.Kind.CHOICE_BOARD else 1,
    }
    changed = sorted(name for name, value in new.items() if getattr(pathway, name) != value)
    if changed:
        for name in changed:
            setattr(pathway, name, new[name])
        pathway.save(update_fields=changed)
        audit_log(actor, "pathway.update", pathway, fields=changed)
    return pathway


@transaction.atomic
def activity_add(
    *, actor: Any, pathway_id: Any, title: str, description: str = "", choice_kind: str = Activity.ChoiceKind.PRODUCT,
    evidence_modes: list[str] | None = None, aligned_goal_ids: list[int] | None = None,
) -> PathwayItem:
    """A teacher's activity, added at the end of the board or playlist."""
    pathway = get_object_for(actor, policies.pathways_visible_to(actor).prefetch_related("sections"), pathway_id,
                             allowed=policies.can_manage_pathway)
    if choice_kind not in Activity.ChoiceKind.values:
        raise ApplicationError(_("Choose content, process or product."))
    goal_ids = {int(g) for g in aligned_goal_ids or []}
    goals = list(SystemGoal.objects.filter(id__in=goal_ids, district_id=pathway.district_id, is_published=True))
    if len(goals) != len(goal_ids):
        raise ApplicationError(_("Align only to published goals of your district."))
    activity = Activity.objects.create(
        district_id=pathway.district_id, title=_title(title), description=(description or "").strip(),
        choice_kind=choice_kind, evidence_modes=_clean_modes(evidence_modes), created_by=actor,
    )
    activity.aligned_goals.set(goals)
    last = PathwayItem.objects.filter(pathway=pathway).aggregate(m=Max("position"))["m"]
    item = PathwayItem.objects.create(pathway=pathway, activity=activity, position=0 if last is None else last + 1)
    audit_log(actor, "pathway.activity_add", pathway, activity_id=activity.pk)
    return item


@transaction.atomic
def item_move(*, actor: Any, pathway_id: Any, item_id: Any, direction: str) -> None:
    """Move an activity one place up or down (the order matters on a playlist)."""
    pathway = get_object_for(actor, policies.pathways_visible_to(actor).prefetch_related("sections"), pathway_id,
                             allowed=policies.can_manage_pathway)
    items = list(PathwayItem.objects.select_for_update().filter(pathway=pathway).order_by("position", "id"))
    index = next((n for n, i in enumerate(items) if str(i.pk) == str(item_id)), None)
    if index is None:
        raise ApplicationError(_("That activity is not on this pathway."))
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items):
        item.position = position
    PathwayItem.objects.bulk_update(items, ["position"])
    audit_log(actor, "pathway.reorder", pathway, item_id=int(item_id), direction=direction)


@transaction.atomic
def item_remove(*, actor: Any, pathway_id: Any, item_id: Any) -> None:
    """Take an activity off a pathway. Refused once a learner has picked it, so nobody loses their work."""
    pathway = get_object_for(actor, policies.pathways_visible_to(actor).prefetch_related("sections"), pathway_id,
                             allowed=policies.can_manage_pathway)
    item = get_object_for(actor, PathwayItem.objects.filter(pathway=pathway).select_related("activity"), item_id)
    if ActivityChoice.objects.filter(pathway=pathway, activity_id=item.activity_id).exists():
        raise Conflict(_("Learners have already picked this activity, so it stays."))
    item.delete()
    audit_log(actor, "pathway.activity_remove", pathway, activity_id=item.activity_id)


@transaction.atomic
def pathway_publish(*, actor: Any, pathway_id: Any, publish: bool = True) -> Pathway:
    pathway = get_object_for(actor, policies.pathways_visible_to(actor).prefetch_related("sections"), pathway_id,
                             allowed=policies.can_manage_pathway)
    if publish:
        offered = PathwayItem.objects.filter(pathway=pathway, activity__proposed_by__isnull=True).count()
        if offered == 0:
            raise ApplicationError(_("Add at least one activity before publishing."))
        if pathway.kind == Pathway.Kind.CHOICE_BOARD and offered < pathway.picks_required:
            raise ApplicationError(
                _("This board asks for %(n)d picks but offers %(m)d activities.")
                % {"n": pathway.picks_required, "m": offered}
            )
    pathway.is_published = publish
    pathway.save(update_fields=["is_published"])
    audit_log(actor, "pathway.publish" if publish else "pathway.unpublish", pathway)
    return pathway


def _picks_used(learner_id: int, pathway: Pathway) -> int:
    chosen = ActivityChoice.objects.filter(learner_id=learner_id, pathway=pathway).count()
    pending = PathwayItem.objects.filter(
        pathway=pathway, activity__proposed_by_id=learner_id, activity__is_approved=False,
        activity__declined_at__isnull=True,
    ).count()
    return chosen + pending


def _next_on_playlist(learner_id: int, pathway: Pathway) -> PathwayItem | None:
    done = set(
        ActivityChoice.objects.filter(learner_id=learner_id, pathway=pathway, status=ActivityChoice.Status.DONE)
        .values_list("activity_id", flat=True)
    )
    items = PathwayItem.objects.filter(pathway=pathway, activity__is_approved=True).order_by("position", "id")
    return next((i for i in items if i.activity_id not in done), None)


@transaction.atomic
def activity_choose(*, actor: Any, pathway_id: Any, activity_id: Any, path: str = "") -> ActivityChoice:
    """A learner picks an activity: on a board up to the picks required; on a playlist only the next one."""
    # Locking the pathway row serialises picks on it, so two quick clicks cannot exceed the picks required.
    pathway = _pathway_for(actor, pathway_id, lock=True)
    require(policies.can_choose_on(actor, pathway), _("Only students in this pathway's classes can choose."))
    item = (
        PathwayItem.objects.filter(pathway=pathway, activity_id=activity_id, activity__is_approved=True)
        .filter(policies.own_or_offered(actor))
        .select_related("activity").first()
    )
    if item is None:
        raise ApplicationError(_("That activity is not offered on this pathway."))
    if ActivityChoice.objects.filter(learner=actor, pathway=pathway, activity_id=item.activity_id).exists():
        raise Conflict(_("You already picked this activity."))
    if pathway.kind == Pathway.Kind.PLAYLIST:
        nxt = _next_on_playlist(actor.pk, pathway)
        if nxt is None or nxt.activity_id != item.activity_id:
            raise ApplicationError(_("A playlist goes in order: finish the activity before this one first."))
    elif _picks_used(actor.pk, pathway) >= pathway.picks_required:
        raise ApplicationError(
            _("You have already made your %(n)d picks on this board.") % {"n": pathway.picks_required}
        )
    try:
        with transaction.atomic():
            choice = ActivityChoice.objects.create(learner=actor, pathway=pathway, activity=item.activity)
    except IntegrityError as exc:
        raise Conflict(_("You already picked this activity.")) from exc
    audit_log(actor, "activity.choose", choice, district_id=pathway.district_id, path=path,
              pathway_id=pathway.pk, activity_id=item.activity_id)
    return choice


@transaction.atomic
def choice_set_status(*, actor: Any, choice_id: Any, status: str, path: str = "") -> ActivityChoice:
    """The learner marks their pick chosen, in progress or done."""
    choice = get_object_for(actor, ActivityChoice.objects.filter(learner_id=actor.pk).select_for_update(), choice_id)
    if status not in ActivityChoice.Status.values:
        raise ApplicationError(_("Choose chosen, in progress or done."))
    choice.status = status
    choice.done_at = timezone.now() if status == ActivityChoice.Status.DONE else None
    choice.save(update_fields=["status", "done_at"])
    audit_log(actor, "activity.status", choice, district_id=choice.activity.district_id, path=path, status=status)
    return choice


@transaction.atomic
def choice_drop(*, actor: Any, choice_id: Any, path: str = "") -> None:
    """Un-pick a board activity not yet done, to choose another."""
    choice = get_object_for(
        actor, ActivityChoice.objects.filter(learner_id=actor.pk).select_related("pathway"), choice_id
    )
    if choice.status == ActivityChoice.Status.DONE:
        raise Conflict(_("This activity is done; it stays in your picks."))
    audit_log(actor, "activity.unchoose", choice, district_id=choice.pathway.district_id, path=path)
    choice.delete()


@transaction.atomic
def activity_propose(
    *, actor: Any, pathway_id: Any, title: str, description: str = "", evidence_modes: list[str] | None = None,
    path: str = "",
) -> PathwayItem:
    """A learner proposes their own activity for a choice board; their teacher approves or declines it."""
    pathway = _pathway_for(actor, pathway_id, lock=True)
    require(policies.can_choose_on(actor, pathway), _("Only students in this board's classes can propose."))
    if pathway.kind != Pathway.Kind.CHOICE_BOARD:
        raise ApplicationError(_("You can propose your own activity on a choice board, not on a playlist."))
    if _picks_used(actor.pk, pathway) >= pathway.picks_required:
        raise ApplicationError(
            _("You have already made your %(n)d picks on this board.") % {"n": pathway.picks_required}
        )
    activity = Activity.objects.create(
        district_id=pathway.district_id, title=_title(title), description=(description or "").strip(),
        choice_kind=Activity.ChoiceKind.PRODUCT, evidence_modes=_clean_modes(evidence_modes),
        created_by=actor, proposed_by=actor, is_approved=False,
    )
    last = PathwayItem.objects.filter(pathway=pathway).aggregate(m=Max("position"))["m"]
    item = PathwayItem.objects.create(pathway=pathway, activity=activity, position=0 if last is None else last + 1)
    audit_log(actor, "activity.propose", activity, path=path, pathway_id=pathway.pk)
    return item


@transaction.atomic
def proposal_review(*, actor: Any, activity_id: Any, approve: bool, note: str = "", path: str = "") -> Activity:
    """A teacher approves a learner's proposal (it becomes their pick) or declines it with a note."""
    try:
        item = (
            PathwayItem.objects.filter(
                pathway__in=policies.pathways_taught_by(actor), activity__proposed_by__isnull=False,
                activity_id=int(activity_id),
            )
            .select_related("activity", "pathway").prefetch_related("pathway__sections").first()
        )
    except (TypeError, ValueError):
        item = None
    if item is None:
        raise NotFound(_("Not found."))
    require(policies.can_review_proposal(actor, item), _("Only a teacher of this learner can answer the proposal."))
    activity = item.activity
    if not activity.is_pending:
        raise Conflict(_("This proposal was already answered."))
    activity.reviewed_by = actor
    activity.review_note = (note or "").strip()
    if approve:
        activity.is_approved = True
        activity.save(update_fields=["is_approved", "reviewed_by", "review_note"])
        ActivityChoice.objects.get_or_create(learner_id=activity.proposed_by_id, pathway=item.pathway,
                                             activity=activity)
        message = gettext_lazy("Your activity idea “%(title)s” was approved.")
    else:
        activity.declined_at = timezone.now()
        activity.save(update_fields=["declined_at", "reviewed_by", "review_note"])
        message = gettext_lazy("Your activity idea “%(title)s” was not approved.")
    audit_log(actor, "activity.approve" if approve else "activity.decline", activity, path=path,
              pathway_id=item.pathway_id, learner_id=activity.proposed_by_id)
    notify(
        recipient=activity.proposed_by_id,
        actor=actor,
        message=message,
        params={"title": activity.title},
        url=reverse("choice:detail", args=[item.pathway_id]),
    )
    return activity
