"""Parsing the learner profile form. The service decides what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pollinate.evidence.models import Evidence
from pollinate.learners.models import LearnerProfile
from pollinate.learners.services import TEXT_FIELDS, TEXT_MAX

NO_LABELS = _(
    "Describe what helps, in your own words. Please do not write diagnoses, disability labels "
    "or “learning style” labels here."
)
HELP = {
    "strengths": _("What goes well for me."),
    "challenges": _("What is hard for me right now."),
    "preferences": _("What I like to use or do."),
    "needs": _("What I need from others so I can learn."),
}


class ProfileForm(forms.Form):
    preferred_modes = forms.MultipleChoiceField(
        label=_("Ways I like to show what I learned"),
        choices=Evidence.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            model_field = LearnerProfile._meta.get_field(name)
            aspect = name.rsplit("_", 1)[-1]
            help_text = HELP.get(aspect, "")
            self.fields[name] = forms.CharField(
                label=str(model_field.verbose_name).capitalize(),
                required=False,
                max_length=TEXT_MAX,
                help_text=help_text,
                widget=forms.Textarea(attrs={"rows": 3 if name != "story" else 6}),
            )
        # The modes field last, after the text areas.
        self.fields["preferred_modes"] = self.fields.pop("preferred_modes")

    def area(self, prefix: str) -> list[forms.BoundField]:
        return [self[f"{prefix}_{aspect}"] for aspect in ("strengths", "challenges", "preferences", "needs")]

    @property
    def access_fields(self) -> list[forms.BoundField]:
        return self.area("access")

    @property
    def engage_fields(self) -> list[forms.BoundField]:
        return self.area("engage")

    @property
    def express_fields(self) -> list[forms.BoundField]:
        return self.area("express")

    @property
    def about_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("interests", "talents", "aspirations", "story")]


def initial_from(profile) -> dict:
    data = {name: getattr(profile, name) for name in TEXT_FIELDS}
    data["preferred_modes"] = list(profile.preferred_modes or [])
    return data
