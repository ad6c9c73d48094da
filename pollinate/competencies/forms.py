"""Input parsing for the competency pages. Forms parse only; ``competencies.services`` decides what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_LEVELS = 8
MAX_UPLOAD_MB = 20


class CaseImportForm(forms.Form):
    district = forms.TypedChoiceField(label=_("District"), coerce=int)
    file = forms.FileField(
        label=_("CASE package (.json) or spreadsheet (.csv)"),
        help_text=_(
            "A CASE 1.0 or 1.1 JSON package, as exported by OpenSALT or a CASE Network publisher; or a spreadsheet "
            "saved as CSV UTF-8 with OpenSALT's column names (fullStatement, humanCodingScheme, isChildOf or "
            "smartLevel...)."
        ),
    )
    title = forms.CharField(
        label=_("Title (spreadsheets only)"),
        max_length=255,
        required=False,
        help_text=_("A spreadsheet does not name its framework: importing it again under the same title updates it."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check it: show what would change and write nothing"), required=False, initial=True
    )

    def __init__(self, *args: Any, districts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(d.pk, d.name) for d in districts]
        if len(districts) == 1:
            self.fields["district"].initial = districts[0].pk
            self.fields["district"].widget = forms.HiddenInput()


class FrameworkForm(forms.Form):
    district = forms.TypedChoiceField(label=_("District"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=255)
    subject = forms.CharField(label=_("Subject"), max_length=255, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    scale = forms.TypedChoiceField(
        label=_("Rubric scale"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("The levels each competency is scored on."),
    )

    def __init__(self, *args: Any, districts: list[Any] | None, scales: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if districts is None:
            del self.fields["district"]
        else:
            self.fields["district"].choices = [(d.pk, d.name) for d in districts]
            if len(districts) == 1:
                self.fields["district"].initial = districts[0].pk
                self.fields["district"].widget = forms.HiddenInput()
        self.fields["scale"].choices = [("", _("The district's default 1-4 scale"))] + [(s.pk, s.name) for s in scales]


class CompetencyForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=120, required=False, help_text=_("For example SCI.2.a"))
    abbreviated = forms.CharField(label=_("Short name"), max_length=255, required=False)
    statement = forms.CharField(
        label=_("Statement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What a learner can do, in words a learner understands."),
    )
    item_type = forms.CharField(
        label=_("Level in the framework"),
        max_length=120,
        required=False,
        help_text=_("For example Strand, Standard, Skill"),
    )
    education_levels = forms.CharField(label=_("Grades"), max_length=255, required=False)
    parent = forms.TypedChoiceField(label=_("Inside"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, parents: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", _("(top level)"))] + [
            (c.pk, f"{'— ' * c.depth}{c.code} {c.label[:80]}".strip()) for c in parents
        ]

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {"parent_id": data.pop("parent"), **data}


class MasteryMethodForm(forms.Form):
    """The method and, for each method, its settings; only the chosen method's settings are sent on."""

    method = forms.ChoiceField(label=_("How mastery is calculated"), widget=forms.RadioSelect)

    def __init__(
        self, *args: Any, methods: list[Any], current: dict[str, Any], bkt_defaults: dict[str, float], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.methods = methods
        self.fields["method"].choices = [(m.key, m.label) for m in methods]
        self.fields["method"].initial = current["key"]
        for method in methods:
            for key, default in method.defaults.items():
                initial = current["settings"].get(key, default) if method.key == current["key"] else default
                self.fields[f"{method.key}__{key}"] = forms.FloatField(
                    label=SETTING_LABELS.get(key, key), required=False, initial=initial
                )
        # Quick checks (right/wrong answers) use Bayesian Knowledge Tracing whatever the method above.
        bkt = {**bkt_defaults, **(current["settings"].get(BKT_KEY) or {})}
        for key, label in BKT_LABELS.items():
            self.fields[f"{BKT_KEY}__{key}"] = forms.FloatField(label=label, required=False, initial=bkt[key])

    def bkt_fields(self) -> list[Any]:
        return [self[f"{BKT_KEY}__{key}"] for key in BKT_LABELS]

    def settings_fields(self, method: Any) -> list[Any]:
        return [self[f"{method.key}__{key}"] for key in method.defaults]

    def chosen(self) -> tuple[str, dict[str, Any]]:
        method = self.cleaned_data["method"]
        spec = next(m for m in self.methods if m.key == method)
        settings: dict[str, Any] = {}
        for key, default in spec.defaults.items():
            value = self.cleaned_data.get(f"{method}__{key}")
            if value is None:
                continue
            # Whole-number settings (n, level, scale ends) stay whole numbers.
            settings[key] = int(value) if isinstance(default, int) and float(value).is_integer() else value
        bkt = {key: self.cleaned_data.get(f"{BKT_KEY}__{key}") for key in BKT_LABELS}
        if any(value is not None for value in bkt.values()):
            settings[BKT_KEY] = {key: value for key, value in bkt.items() if value is not None}
        return method, settings


BKT_KEY = "bkt"
BKT_LABELS = {
    "prior": _("Chance a learner already knows it before their first check (0 to 1)"),
    "learn": _("Chance of coming to know it between one check and the next (0 to 1)"),
    "guess": _("Chance of a right answer without knowing it (at most 0.5)"),
    "slip": _("Chance of a wrong answer while knowing it (at most 0.5)"),
}

SETTING_LABELS = {
    "weight": _("Weight of the latest score (0.5 to 0.99)"),
    "n": _("How many times"),
    "level": _("At or above level"),
    "scale_min": _("Lowest level of the scale"),
    "scale_max": _("Highest level of the scale"),
}


class ScaleForm(forms.Form):
    district = forms.TypedChoiceField(label=_("District"), coerce=int)
    name = forms.CharField(label=_("Name"), max_length=120)
    mastery_threshold = forms.FloatField(label=_("Mastered at"), help_text=_("The level that counts as mastered."))

    def __init__(
        self, *args: Any, districts: list[Any] | None = None, levels: list[Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if districts is None:
            del self.fields["district"]
        else:
            self.fields["district"].choices = [(d.pk, d.name) for d in districts]
            if len(districts) == 1:
                self.fields["district"].initial = districts[0].pk
                self.fields["district"].widget = forms.HiddenInput()
        levels = list(levels or [])
        for i in range(MAX_LEVELS):
            level = levels[i] if i < len(levels) else None
            self.fields[f"value_{i}"] = forms.IntegerField(
                label=_("Points"), required=False, min_value=0, initial=level.value if level else None
            )
            self.fields[f"label_{i}"] = forms.CharField(
                label=_("Label"), max_length=80, required=False, initial=level.label if level else ""
            )
            self.fields[f"family_label_{i}"] = forms.CharField(
                label=_("In family words"), max_length=120, required=False, initial=level.family_label if level else ""
            )
            self.fields[f"description_{i}"] = forms.CharField(
                label=_("What it looks like"), required=False, initial=level.description if level else ""
            )

    def rows(self) -> list[list[Any]]:
        return [
            [self[f"value_{i}"], self[f"label_{i}"], self[f"family_label_{i}"], self[f"description_{i}"]]
            for i in range(MAX_LEVELS)
        ]

    def levels(self) -> list[dict[str, Any]]:
        """The filled-in rows; a row with neither points nor a label is an unused row."""
        out = []
        for i in range(MAX_LEVELS):
            value = self.cleaned_data.get(f"value_{i}")
            label = self.cleaned_data.get(f"label_{i}", "")
            if value is None and not label:
                continue
            out.append(
                {
                    "value": value,
                    "label": label,
                    "family_label": self.cleaned_data.get(f"family_label_{i}", ""),
                    "description": self.cleaned_data.get(f"description_{i}", ""),
                }
            )
        return out
