"""Parsing the guide queue's filters from the query string."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pollinate.dashboards.queries import DEFAULT_INACTIVE_DAYS, INACTIVE_DAYS_CHOICES


class QueueFilterForm(forms.Form):
    section = forms.TypedChoiceField(label=_("Class"), required=False, coerce=int, empty_value=None)
    days = forms.TypedChoiceField(
        label=_("No activity for"),
        coerce=int,
        required=False,
        empty_value=DEFAULT_INACTIVE_DAYS,
        choices=[(d, _("%(days)s days") % {"days": d}) for d in INACTIVE_DAYS_CHOICES],
    )

    def __init__(self, data, *, classes):
        super().__init__(data)
        self.fields["section"].choices = [("", _("All my classes"))] + [(s.pk, s.title) for s in classes]

    def filters(self) -> dict:
        """The chosen class and window; anything not offered falls back to everything / the default window."""
        if not self.is_valid():
            return {"section_id": None, "days": DEFAULT_INACTIVE_DAYS}
        return {"section_id": self.cleaned_data["section"], "days": self.cleaned_data["days"]}
