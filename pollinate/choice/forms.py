"""Parsing the choice forms. The services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pollinate.choice.models import Activity, ActivityChoice, Pathway
from pollinate.choice.services import MAX_PICKS
from pollinate.evidence.models import Evidence


class PathwayForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Pathway.Kind.choices, widget=forms.RadioSelect,
                             help_text=_("A choice board is a menu to pick from; a playlist is a path done in order."))
    title = forms.CharField(label=_("Title"), max_length=200)
    instructions = forms.CharField(label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    picks_required = forms.IntegerField(label=_("How many activities each learner picks (boards)"), min_value=1,
                                        max_value=MAX_PICKS, initial=1)
    section_ids = forms.TypedMultipleChoiceField(label=_("For my classes"), coerce=int,
                                                 widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, sections=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section_ids"].choices = [(s.pk, f"{s.title} · {s.school.name}") for s in sections]


class PathwayEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    instructions = forms.CharField(label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    picks_required = forms.IntegerField(
        label=_("How many activities each learner picks"), min_value=1, max_value=MAX_PICKS
    )

    def __init__(self, *args, is_board: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not is_board:
            del self.fields["picks_required"]  # a playlist is done in order, every step


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=200)
    description = forms.CharField(label=_("What to do"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    choice_kind = forms.ChoiceField(label=_("Kind of choice"), choices=Activity.ChoiceKind.choices,
                                    initial=Activity.ChoiceKind.PRODUCT)
    evidence_modes = forms.MultipleChoiceField(label=_("Ways to show it (none ticked: any way)"), required=False,
                                               choices=Evidence.Kind.choices, widget=forms.CheckboxSelectMultiple)
    aligned_goal_ids = forms.TypedMultipleChoiceField(label=_("Aligned school or district goals"), coerce=int,
                                                      required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, goals=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aligned_goal_ids"].choices = [(g.pk, g.title) for g in goals]
        if not goals:
            del self.fields["aligned_goal_ids"]


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("My activity idea"), max_length=200)
    description = forms.CharField(label=_("What I will do and how I will show it"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    evidence_modes = forms.MultipleChoiceField(label=_("Ways I will show it"), required=False,
                                               choices=Evidence.Kind.choices, widget=forms.CheckboxSelectMultiple)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActivityChoice.Status.choices)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    note = forms.CharField(required=False, max_length=2000)
    back_to_pathway = forms.IntegerField(required=False, min_value=1)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])
