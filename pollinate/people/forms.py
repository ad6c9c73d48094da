"""Parsing the filters of the people pages. Bad input is ignored, never an error page: filters are GET links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class SectionFilterForm(forms.Form):
    school = forms.TypedChoiceField(label=_("School"), coerce=int, required=False, empty_value=None)

    def __init__(self, data: Any = None, *, schools: Iterable[Any] = ()) -> None:
        super().__init__(data)
        self.fields["school"].choices = [("", _("All schools"))] + [(s.pk, s.name) for s in schools]

    def school_id(self) -> int | None:
        return self.cleaned_data.get("school") if self.is_valid() else None


class AuditFilterForm(forms.Form):
    student = forms.IntegerField(
        label=_("Student number in Pollinate"),
        required=False,
        min_value=1,
        help_text=_("Open a student's page and choose “Who has read this record” to fill this in."),
    )
    district = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def value(self, name: str) -> int | None:
        return self.cleaned_data.get(name) if self.is_valid() else None
