"""Input parsing for the team pages. Forms parse only; ``teams.services`` decides what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pollinate.teams.models import Stage

TEXTAREA = {"rows": 4}


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)
    purpose = forms.CharField(label=_("What the team works on"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    school = forms.TypedChoiceField(label=_("School"), required=False, coerce=int, empty_value=None)
    stage = forms.ChoiceField(
        label=_("Where the team starts"),
        choices=Stage.choices,
        initial=Stage.PLAN_TOGETHER,
        help_text=_("Most teams start by planning together."),
    )

    def __init__(self, *args: Any, schools: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = [(s.pk, s.name) for s in schools] + [("", _("Across schools"))]


class TeamEditForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)
    purpose = forms.CharField(label=_("What the team works on"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    is_active = forms.BooleanField(label=_("The team is meeting (untick to close it)"), required=False)


class MemberAddForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Add a colleague"), coerce=int)

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.display_name) for p in candidates]


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    reason = forms.CharField(
        label=_("Why now?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the team is ready for, or what it needs."),
    )


class MeetingForm(forms.Form):
    met_on = forms.DateField(label=_("Date of the meeting"), widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.TypedMultipleChoiceField(label=_("Who came"), coerce=int, widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    decisions = forms.CharField(label=_("Decisions"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    next_meeting_on = forms.DateField(
        label=_("Next meeting"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, members: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = [(m.person_id, m.person.display_name) for m in members]
