"""Parsing inquiry input. Rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pollinate.evidence.models import Audience
from pollinate.inquiry.models import Inquiry


def _audience_choices(allowed):
    return [(value, label) for value, label in Audience.choices if value in allowed]


class InquiryForm(forms.Form):
    essential_question = forms.TypedChoiceField(label=gettext_lazy("Take a question from my teacher"), coerce=int,
                                                required=False, empty_value=None)
    question = forms.CharField(label=gettext_lazy("Or ask my own question"), max_length=300, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Inquiry.Kind.choices, initial=Inquiry.Kind.INQUIRY)
    goal = forms.TypedChoiceField(label=gettext_lazy("Part of my goal"), coerce=int, required=False,
                                  empty_value=None)
    audience = forms.ChoiceField(label=gettext_lazy("Who can see this"), initial=Audience.GUIDES)

    def __init__(self, *args, essentials=(), goals=(), audiences=(), allow_action_research=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["essential_question"].choices = [("", _("None"))] + [(e.pk, e.question) for e in essentials]
        self.fields["goal"].choices = [("", _("None"))] + [(g.pk, g.title) for g in goals]
        self.fields["audience"].choices = _audience_choices(audiences)
        if not allow_action_research:
            del self.fields["kind"]

    def clean(self):
        data = super().clean()
        if not data.get("essential_question") and not (data.get("question") or "").strip():
            raise forms.ValidationError(_("Write your question, or take one your teacher offered."))
        return data


class PlanForm(forms.Form):
    plan = forms.CharField(label=gettext_lazy("My plan"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
                           max_length=20000)


class FindingsForm(forms.Form):
    findings = forms.CharField(label=gettext_lazy("What I found"), widget=forms.Textarea(attrs={"rows": 8}),
                               required=False, max_length=50000)


class SourceForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Source"), max_length=300)
    url = forms.URLField(label=gettext_lazy("Link"), required=False, max_length=1000, assume_scheme="https")
    note = forms.CharField(label=gettext_lazy("What I learned from it"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False, max_length=10000)


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), choices=Inquiry.Stage.choices)
    audience = forms.ChoiceField(label=gettext_lazy("Who can see this"), required=False)

    def __init__(self, *args, audiences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [("", "—"), *_audience_choices(audiences)]


class LinkEvidenceForm(forms.Form):
    evidence = forms.TypedChoiceField(label=gettext_lazy("Add my evidence"), coerce=int)

    def __init__(self, *args, work=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = [(e.pk, e.title) for e in work]


class EssentialQuestionForm(forms.Form):
    question = forms.CharField(label=gettext_lazy("Essential question"), max_length=300)
    sections = forms.TypedMultipleChoiceField(label=gettext_lazy("Offer to my classes"), coerce=int,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = [(s.pk, s.title) for s in sections]
