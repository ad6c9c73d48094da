from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pollinate.roster.models import ImportRun


class ImportForm(forms.Form):
    district = forms.TypedChoiceField(label=_("District"), coerce=int, required=False, empty_value=None)
    file = forms.FileField(
        label=_("OneRoster export (.zip)"),
        help_text=_("One .zip holding manifest.csv and the OneRoster CSV files (version 1.1 or 1.2)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    mode = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            (ImportRun.Mode.DRY_RUN, _("Check only: report problems and what would change, write nothing")),
            (ImportRun.Mode.IMPORT, _("Import: check, then save the changes")),
        ],
        initial=ImportRun.Mode.DRY_RUN,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, districts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(d.pk, d.name) for d in districts]
        if len(districts) == 1:
            self.fields["district"].initial = districts[0].pk
            self.fields["district"].widget = forms.HiddenInput()
        self._districts = {d.pk: d for d in districts}

    def clean_district(self) -> int:
        chosen = self.cleaned_data.get("district")
        if chosen is None and len(self._districts) == 1:
            return next(iter(self._districts))
        if chosen not in self._districts:
            raise forms.ValidationError(_("Choose a district."))
        return chosen

    def district_obj(self) -> Any:
        return self._districts[self.cleaned_data["district"]]
