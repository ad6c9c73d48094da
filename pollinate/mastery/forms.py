"""Input parsing for the mastery pages. Forms parse only; ``mastery.services`` decides what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pollinate.core.widgets import Select


class ScoreForm(forms.Form):
    competency = forms.TypedChoiceField(label=_("Competency"), coerce=int)
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, competencies: list[tuple[int, str]], levels: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = competencies
        self.fields["level"].choices = levels


class WhatIfForm(forms.Form):
    what_if = forms.TypedChoiceField(label=_("If my next piece of work were at"), coerce=int, required=False)

    def __init__(self, *args: Any, levels: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["what_if"].choices = [(v, f"{v} {label}") for v, label in levels]


class GridFilterForm(forms.Form):
    # Rendered on every grid request, so its selects skip the per-option templates.
    framework = forms.TypedChoiceField(label=_("Framework"), coerce=int, required=False, widget=Select)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=Select)
    competency = forms.TypedChoiceField(
        label=_("On competency"), coerce=int, required=False, empty_value=None, widget=Select
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, widget=Select)

    def __init__(
        self,
        *args: Any,
        frameworks: list[tuple[int, str]],
        statuses: list[tuple[str, str]],
        competencies: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = frameworks
        self.fields["status"].choices = statuses
        self.fields["competency"].choices = [("", _("Any competency")), *competencies]
        self.fields["sort"].choices = [("name", _("Learner name"))] + [
            (f"c{cid}", _("Level in %(c)s (lowest first)") % {"c": label}) for cid, label in competencies
        ]


class ExpectationForm(forms.Form):
    by_date = forms.DateField(label=_("By"), widget=forms.DateInput(attrs={"type": "date"}))
    level = forms.FloatField(
        label=_("Expected level"),
        min_value=0.5,
        max_value=10,
        help_text=_("For example 2 for Developing, 3 for Proficient."),
    )


class QuickCheckForm(forms.Form):
    section = forms.TypedChoiceField(label=_("Class"), coerce=int)
    framework = forms.TypedChoiceField(label=_("Framework"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Exit ticket"))
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: learner (username or student number), item, competency (code), correct (0 or 1), "
            "date (YYYY-MM-DD)."
        ),
    )

    def __init__(
        self, *args: Any, sections: list[tuple[int, str]], frameworks: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections
        self.fields["framework"].choices = frameworks

    def clean_file(self) -> str:
        """The file's text (UTF-8, with or without a byte-order mark); the import service checks its lines."""
        raw = self.cleaned_data["file"].read(5_000_000)
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("Save the file as UTF-8 CSV and try again.")) from exc


class AlignForm(forms.Form):
    competencies = forms.TypedMultipleChoiceField(
        label=_("Competencies this activity practises"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competencies"].choices = choices
