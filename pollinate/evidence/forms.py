"""Parsing what a learner typed, drew, recorded or uploaded. The rules themselves live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pollinate.evidence.models import Evidence

# How each way of showing learning is captured; the page offers them as tabs, in this order.
MODES = [
    (Evidence.Kind.WRITING, _("Write")),
    (Evidence.Kind.DRAWING, _("Draw")),
    (Evidence.Kind.AUDIO, _("Record audio")),
    (Evidence.Kind.VIDEO, _("Record video")),
    (Evidence.Kind.PHOTO, _("Take a photo")),
    (Evidence.Kind.FILE, _("Upload a file")),
    (Evidence.Kind.LINK, _("Add a link")),
]
FILE_ACCEPT = {
    Evidence.Kind.DRAWING: "image/png,image/jpeg,image/webp",
    Evidence.Kind.AUDIO: "audio/*",
    Evidence.Kind.VIDEO: "video/*",
    Evidence.Kind.PHOTO: "image/*",
    Evidence.Kind.FILE: "",
}
FILE_LABELS = {
    Evidence.Kind.DRAWING: _("Drawing (an image file)"),
    Evidence.Kind.AUDIO: _("Audio recording"),
    Evidence.Kind.VIDEO: _("Video recording"),
    Evidence.Kind.PHOTO: _("Photo"),
    Evidence.Kind.FILE: _("File"),
}


def mode_or_default(value: str | None) -> str:
    return value if value in Evidence.Kind.values else Evidence.Kind.WRITING


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    link_url = forms.CharField(label=_("Web address"), required=False, max_length=1000,
                               widget=forms.URLInput(attrs={"placeholder": "https://"}))
    file = forms.FileField(label=_("File"), required=False)
    audience = forms.ChoiceField(label=_("Who can see this"), widget=forms.RadioSelect)
    in_portfolio = forms.BooleanField(label=_("Show it in my portfolio"), required=False)
    goal = forms.TypedChoiceField(label=_("For my goal"), required=False, coerce=int, empty_value=None)
    activity = forms.TypedChoiceField(label=_("For an activity"), required=False, coerce=int, empty_value=None)
    inquiry = forms.TypedChoiceField(label=_("For my inquiry"), required=False, coerce=int, empty_value=None)
    produced_on = forms.DateField(label=_("Made on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, kind: str, audiences: list[tuple[str, str]], default_audience: str,
                 targets: dict[str, list[Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["audience"].choices = audiences
        self.fields["audience"].initial = default_audience
        self.fields["audience"].help_text = _("Each choice includes the ones above it. You can change this later.")
        none = [("", _("— none —"))]
        self.fields["goal"].choices = none + [(g.pk, g.title) for g in targets["goals"]]
        self.fields["activity"].choices = none + [(a.pk, a.title) for a in targets["activities"]]
        self.fields["inquiry"].choices = none + [(i.pk, i.question) for i in targets["inquiries"]]
        for name in ("goal", "activity", "inquiry"):
            if len(self.fields[name].choices) == 1:
                del self.fields[name]
        if kind == Evidence.Kind.WRITING:
            del self.fields["file"], self.fields["link_url"]
            self.fields["body"].label = _("Your writing")
            self.fields["body"].required = True
            self.fields["body"].help_text = _("Leave a blank line between paragraphs.")
        elif kind == Evidence.Kind.LINK:
            del self.fields["file"]
            self.fields["link_url"].required = True
            self.fields["body"].label = _("What is it, and what does it show? (optional)")
        else:
            del self.fields["link_url"]
            self.fields["file"].label = FILE_LABELS[kind]
            attrs: dict[str, Any] = {"data-evidence-file": kind}
            if FILE_ACCEPT[kind]:
                attrs["accept"] = FILE_ACCEPT[kind]
            if kind in (Evidence.Kind.PHOTO, Evidence.Kind.AUDIO, Evidence.Kind.VIDEO):
                # On phones this opens the camera or recorder straight away.
                attrs["capture"] = "environment" if kind != Evidence.Kind.AUDIO else "user"
            self.fields["file"].widget.attrs.update(attrs)
            self.fields["body"].label = _("Caption (optional)")
            self.fields["body"].widget.attrs["rows"] = 3

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        upload = data.get("file")
        return {
            "kind": self.kind,
            "title": data["title"],
            "body": data.get("body") or "",
            "link_url": data.get("link_url") or "",
            "upload": upload,
            "upload_name": getattr(upload, "name", "") or "",
            "upload_size": getattr(upload, "size", None),
            "audience": data["audience"],
            "in_portfolio": data.get("in_portfolio", False),
            "goal_id": data.get("goal"),
            "activity_id": data.get("activity"),
            "inquiry_id": data.get("inquiry"),
            "produced_on": data.get("produced_on"),
        }


class EvidenceEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    audience = forms.ChoiceField(label=_("Who can see this"), widget=forms.RadioSelect)
    in_portfolio = forms.BooleanField(label=_("Show it in my portfolio"), required=False)

    def __init__(self, *args: Any, evidence: Evidence, audiences: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {
            "title": evidence.title, "body": evidence.body, "audience": evidence.audience,
            "in_portfolio": evidence.in_portfolio,
        })
        super().__init__(*args, **kwargs)
        choices = list(audiences)
        if evidence.audience not in {value for value, _label in choices}:
            # Keep today's setting selectable even if the district has since narrowed the options.
            choices.append((evidence.audience, evidence.get_audience_display()))
        self.fields["audience"].choices = choices
        self.fields["audience"].help_text = _("Each choice includes the ones above it.")
        if evidence.kind != Evidence.Kind.WRITING:
            self.fields["body"].label = _("Caption (optional)")
            self.fields["body"].widget.attrs["rows"] = 3
        else:
            self.fields["body"].label = _("Your writing")
            self.fields["body"].required = True


class PortfolioToggleForm(forms.Form):
    in_portfolio = forms.BooleanField(required=False)


class DistrictEvidenceSettingsForm(forms.Form):
    allowed_audiences = forms.MultipleChoiceField(
        label=_("Audiences learners may choose"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("“Only me” is always allowed. Leave all ticked for no restriction."),
    )
    public_min_age = forms.IntegerField(
        label=_("Youngest age for a public showcase"), min_value=0, max_value=21,
        help_text=_("Learners younger than this, or whose age is not known, cannot share work publicly."),
    )
    max_upload_mb = forms.IntegerField(label=_("Largest upload (MB)"), min_value=1, max_value=2048)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from pollinate.evidence.models import Audience

        self.fields["allowed_audiences"].choices = Audience.choices
