"""Parsing reflection, feedback and prompt input. Rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pollinate.reflections.models import ReflectionPrompt


class ReflectionForm(forms.Form):
    prompt = forms.TypedChoiceField(label=gettext_lazy("Prompt"), coerce=int, required=False, empty_value=None)
    body = forms.CharField(label=gettext_lazy("My reflection"), widget=forms.Textarea(attrs={"rows": 8}),
                           max_length=20000)
    goal = forms.TypedChoiceField(label=gettext_lazy("About my goal"), coerce=int, required=False, empty_value=None)
    evidence = forms.TypedChoiceField(label=gettext_lazy("About my work"), coerce=int, required=False,
                                      empty_value=None)
    shared_with_guides = forms.BooleanField(
        label=gettext_lazy("Share with my guides"), required=False, initial=True,
        help_text=gettext_lazy("Your teachers, mentors and coaches can read it and answer. Untick to keep it private."),
    )

    def __init__(self, *args, prompts=(), goals=(), work=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prompt"].choices = [("", _("No prompt: free reflection"))] + [
            (p.pk, _(p.text) if p.district_id is None else p.text) for p in prompts
        ]
        self.fields["goal"].choices = [("", _("None"))] + [(g.pk, g.title) for g in goals]
        self.fields["evidence"].choices = [("", _("None"))] + [(e.pk, e.title) for e in work]

    def clean(self):
        data = super().clean()
        if data.get("goal") and data.get("evidence"):
            raise forms.ValidationError(_("Choose a goal or a piece of work, not both."))
        return data


class FeedbackForm(forms.Form):
    body = forms.CharField(label=gettext_lazy("Your feedback"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=10000)


class PromptForm(forms.Form):
    stem = forms.ChoiceField(label=gettext_lazy("Kind of prompt"), choices=ReflectionPrompt.Stem.choices)
    text = forms.CharField(label=gettext_lazy("Prompt"), max_length=300)
