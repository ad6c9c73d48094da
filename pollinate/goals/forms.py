"""Input parsing for the goal pages. Forms parse only; ``goals.services`` decides what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pollinate.goals.models import Goal, SystemGoal

TEXTAREA = {"rows": 3}


class GoalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of goal"), choices=Goal.Kind.choices)
    title = forms.CharField(label=_("My goal"), max_length=200,
                            help_text=_("One sentence: what you want to achieve."))
    specific = forms.CharField(label=_("What exactly will I do?"), required=False,
                               widget=forms.Textarea(attrs=TEXTAREA))
    measure = forms.CharField(label=_("How will I know I got there?"), required=False,
                              widget=forms.Textarea(attrs=TEXTAREA))
    achievable = forms.CharField(label=_("Why is it within reach?"), required=False,
                                 widget=forms.Textarea(attrs=TEXTAREA))
    relevant = forms.CharField(label=_("Why does it matter to me?"), required=False,
                               widget=forms.Textarea(attrs=TEXTAREA))
    due_on = forms.DateField(label=_("By when?"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    wish = forms.CharField(label=_("Wish: what do I wish for?"), required=False,
                           widget=forms.Textarea(attrs=TEXTAREA))
    outcome = forms.CharField(label=_("Outcome: what would be the best result?"), required=False,
                              widget=forms.Textarea(attrs=TEXTAREA))
    obstacle = forms.CharField(label=_("Obstacle: what in me might get in the way?"), required=False,
                               widget=forms.Textarea(attrs=TEXTAREA))
    plan = forms.CharField(label=_("Plan: if that happens, then I will…"), required=False,
                           widget=forms.Textarea(attrs=TEXTAREA))
    aligned_to = forms.TypedChoiceField(label=_("Connects to a school or district goal"), required=False,
                                        coerce=int, empty_value=None)
    guide = forms.TypedChoiceField(label=_("Guide"), required=False, coerce=int, empty_value=None,
                                   help_text=_("The person who will agree the goal with you."))
    check_in_every_days = forms.IntegerField(label=_("Check in every (days)"), min_value=1, max_value=90,
                                             initial=14)
    comment = forms.CharField(label=_("What changed and why? (optional)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    SMART = ("specific", "measure", "achievable", "relevant", "due_on")
    WOOP = ("wish", "outcome", "obstacle", "plan")

    def __init__(self, *args: Any, guides: list[Any], system_goals: list[SystemGoal], with_comment: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["guide"].choices = [("", _("Not yet"))] + [(p.pk, p.display_name) for p in guides]
        self.fields["aligned_to"].choices = [("", _("None"))] + [
            (g.pk, f"{g.school.name}: {g.title}" if g.school_id else f"{g.get_level_display()}: {g.title}")
            for g in system_goals
        ]
        if not with_comment:
            del self.fields["comment"]

    @staticmethod
    def initial_from(goal: Goal) -> dict[str, Any]:
        data = {name: getattr(goal, name) for name in (
            "kind", "title", "specific", "measure", "achievable", "relevant", "due_on", "wish", "outcome",
            "obstacle", "plan", "check_in_every_days")}
        data["aligned_to"] = goal.aligned_to_id
        data["guide"] = goal.guide_id
        return data

    def goal_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("comment", None)
        data["aligned_to_id"] = data.pop("aligned_to")
        data["guide_id"] = data.pop("guide")
        return data

    def smart_fields(self) -> list[Any]:
        return [self[name] for name in self.SMART]

    def woop_fields(self) -> list[Any]:
        return [self[name] for name in self.WOOP]


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Why are you dropping this goal?"), widget=forms.Textarea(attrs={"rows": 3}))


class ActionStepForm(forms.Form):
    title = forms.CharField(label=_("Step"), max_length=200)
    due_on = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class CheckInForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100,
                                  widget=forms.NumberInput(attrs={"step": 5}))
    note = forms.CharField(label=_("How is it going?"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_step = forms.CharField(label=_("Next step"), required=False, max_length=200)


class GuideFilterForm(forms.Form):
    section = forms.TypedChoiceField(label=_("Class"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, sections: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("All my classes"))] + [(s.pk, s.title) for s in sections]
        self.fields["status"].choices = [("", _("Every status"))] + [
            (value, label) for value, label in Goal.Status.choices if value != Goal.Status.DRAFT
        ]

    def value(self, name: str) -> Any:
        return self.cleaned_data.get(name) if self.is_valid() else None


class SystemGoalForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=SystemGoal.Level.choices)
    school = forms.TypedChoiceField(label=_("School"), required=False, coerce=int, empty_value=None,
                                    help_text=_("For a school goal."))
    title = forms.CharField(label=_("Goal"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args: Any, schools: list[Any], can_publish_district: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = [("", "—")] + [(s.pk, s.name) for s in schools]
        if not can_publish_district:
            self.fields["level"].choices = [(SystemGoal.Level.SCHOOL, SystemGoal.Level.SCHOOL.label)]
