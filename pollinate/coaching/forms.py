"""Input parsing for the coaching pages. Forms parse only; ``coaching.services`` decides what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pollinate.coaching.models import CoachingCycle
from pollinate.people.models import CoachingAssignment

TEXTAREA = {"rows": 3}


def _people_choices(people: list[Any]) -> list[tuple[Any, str]]:
    return [("", "—")] + [(p.pk, p.display_name) for p in people]


class AssignmentForm(forms.Form):
    coach = forms.TypedChoiceField(label=_("Supporter"), coerce=int)
    coachee = forms.TypedChoiceField(label=_("Supported person"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind of support"), choices=CoachingAssignment.Kind.choices)
    school = forms.TypedChoiceField(
        label=_("School"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Where the supported person works or learns."),
    )

    def __init__(self, *args: Any, people: list[Any], schools: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coach"].choices = _people_choices(people)
        self.fields["coachee"].choices = _people_choices(people)
        self.fields["school"].choices = [("", "—")] + [(s.pk, s.name) for s in schools]


class CoachingSettingsForm(forms.Form):
    target_caseload = forms.IntegerField(label=_("Target teachers per coach"), min_value=1, max_value=500)
    escalation_grace_days = forms.IntegerField(
        label=_("Grace period before escalation (school days)"), min_value=0, max_value=60
    )


class CadenceRuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of support"), choices=CoachingAssignment.Kind.choices)
    every_school_days = forms.IntegerField(
        label=_("At least every (school days)"), min_value=1, max_value=200, initial=10
    )
    requires_supporter = forms.BooleanField(label=_("Everyone must have a supporter"), required=False, initial=True)
    school = forms.TypedChoiceField(label=_("Only for this school"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, schools: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = [("", _("Whole district"))] + [(s.pk, s.name) for s in schools]


class CycleCreateForm(forms.Form):
    coachee = forms.TypedChoiceField(label=_("Coachee"), coerce=int)
    title = forms.CharField(
        label=_("Focus"), max_length=200, help_text=_("What students will do differently, in one sentence.")
    )
    approach = forms.ChoiceField(
        label=_("Approach"), choices=CoachingCycle.Approach.choices, initial=CoachingCycle.Approach.DIALOGICAL
    )
    baseline = forms.CharField(
        label=_("Where are students now? (baseline)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )

    def __init__(self, *args: Any, coachees: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coachee"].choices = _people_choices(coachees)


class CycleForm(forms.Form):
    title = forms.CharField(label=_("Focus"), max_length=200)
    goal = forms.TypedChoiceField(label=_("Professional goal"), required=False, coerce=int, empty_value=None)
    stage = forms.ChoiceField(label=_("Stage"), choices=CoachingCycle.Stage.choices)
    approach = forms.ChoiceField(label=_("Approach"), choices=CoachingCycle.Approach.choices)
    status = forms.ChoiceField(label=_("Status"), choices=CoachingCycle.Status.choices)
    baseline = forms.CharField(
        label=_("Where are students now? (baseline)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    strategy = forms.CharField(label=_("Strategy"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    modelling_notes = forms.CharField(
        label=_("Modelling or observation notes"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    try_notes = forms.CharField(label=_("How the try went"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    post_evidence = forms.CharField(
        label=_("Where are students now? (after)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    reflection = forms.CharField(label=_("Reflection"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    evidence = forms.TypedMultipleChoiceField(
        label=_("Linked evidence (before and after)"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Student work or your own pieces that show where things stood before and after."),
    )

    def __init__(self, *args: Any, goals: list[Any], evidence: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", "—")] + [(g.pk, g.title) for g in goals]
        self.fields["evidence"].choices = [
            (e.pk, f"{e.title} · {e.learner.display_name} · {e.created_at:%Y-%m-%d}") for e in evidence
        ]


class CheckInCreateForm(forms.Form):
    attendee = forms.TypedChoiceField(label=_("With"), coerce=int)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=5, max_value=240, initial=30)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args: Any, partners: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendee"].choices = _people_choices(partners)


class CheckInNotesForm(forms.Form):
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Private to the two of you unless the person you support shares them."),
    )


class CheckInStatusForm(forms.Form):
    status = forms.ChoiceField(choices=[("held", _("Held")), ("missed", _("Missed")), ("cancelled", _("Cancelled"))])


class NextStepForm(forms.Form):
    goal = forms.TypedChoiceField(label=_("On which goal?"), coerce=int)
    title = forms.CharField(label=_("Next step"), max_length=200)
    due_on = forms.DateField(label=_("By when?"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, goals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [(g.pk, g.title) for g in goals]


class FollowUpForm(forms.Form):
    done = forms.TypedMultipleChoiceField(
        label=_("Which agreed steps happened?"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, steps: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done"].choices = [(s.action_step.pk, s.action_step.title) for s in steps]
        self.fields["done"].initial = [s.action_step.pk for s in steps if s.action_step.done_at]


class ShareForm(forms.Form):
    shared = forms.BooleanField(required=False)


class ClosureDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("What is it? (optional)"), max_length=120, required=False)
