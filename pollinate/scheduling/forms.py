"""Input parsing for the scheduling pages. Forms parse only; ``scheduling.services`` decides what is allowed."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pollinate.coaching.cadence import monday_of

WEEKDAY_NAMES = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
PERIOD_LINE = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


def next_monday(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return monday_of(today) + dt.timedelta(days=7 if today.weekday() >= 4 else 0)


def slot_choices(days: int = 5, periods: int = 8) -> list[tuple[str, str]]:
    return [
        (f"{d}-{p}", _("%(day)s, period %(period)s") % {"day": WEEKDAY_NAMES[d], "period": p})
        for d in range(days)
        for p in range(1, periods + 1)
    ]


def parse_slots(values: list[str]) -> set[tuple[int, int]]:
    return {(int(d), int(p)) for d, p in (v.split("-") for v in values)}


class RunForm(forms.Form):
    week_of = forms.DateField(
        label=_("Week starting"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Any day of the week; the scheduler plans Monday to Friday."),
    )
    coach = forms.TypedChoiceField(label=_("Whose check-ins"), coerce=int, empty_value=None, required=False)
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"),
        min_value=1,
        max_value=120,
        initial=30,
        help_text=_("The scheduler stops at the best week found by then and says how close to the best it is."),
    )

    def __init__(self, *args: Any, coaches: list, everyone_label: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(p.pk, p.display_name) for p in coaches]
        if everyone_label:
            choices = [("", everyone_label), *choices]
        self.fields["coach"].choices = choices
        self.fields["coach"].required = not everyone_label


class SlotsForm(forms.Form):
    """A week of checkboxes, one per weekday × period."""

    slots = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, days: int = 5, periods: int = 8, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slots"].choices = slot_choices(days, periods)

    def chosen(self) -> set[tuple[int, int]]:
        return parse_slots(self.cleaned_data["slots"])


class CoachProfileForm(SlotsForm):
    home_school = forms.TypedChoiceField(label=_("Home school"), coerce=int, empty_value=None, required=False)
    max_per_day = forms.IntegerField(label=_("Most check-ins a day"), min_value=0, max_value=20, initial=4)

    def __init__(self, *args: Any, schools: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["home_school"].choices = [("", _("None")), *((s.pk, s.name) for s in schools)]
        self.fields["slots"].label = _("Busy periods")


class MoveForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Day"), coerce=int, choices=[(d, WEEKDAY_NAMES[d]) for d in range(5)])
    period = forms.IntegerField(label=_("Period"), min_value=1, max_value=20)


class TravelForm(forms.Form):
    school_a = forms.TypedChoiceField(label=_("From school"), coerce=int)
    school_b = forms.TypedChoiceField(label=_("To school"), coerce=int)
    minutes = forms.IntegerField(
        label=_("Minutes (either way)"),
        min_value=0,
        max_value=600,
        required=False,
        help_text=_("Leave empty to use the district's default."),
    )

    def __init__(self, *args: Any, schools: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(s.pk, s.name) for s in schools]
        self.fields["school_a"].choices = choices
        self.fields["school_b"].choices = choices


class SettingsForm(forms.Form):
    default_travel_minutes = forms.IntegerField(
        label=_("Minutes between schools not entered"), min_value=0, max_value=600, initial=20
    )
    timezone_name = forms.CharField(
        label=_("Time zone"), max_length=64, help_text=_("The district's clock, e.g. America/Chicago.")
    )


class BellScheduleForm(forms.Form):
    days = forms.IntegerField(label=_("School days a week"), min_value=1, max_value=7, initial=5)
    periods = forms.CharField(
        label=_("Periods"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One period a line, in order, as start-end: 08:30-09:15"),
    )

    def clean_periods(self) -> list[tuple[dt.time, dt.time]]:
        result = []
        for n, line in enumerate((line for line in self.cleaned_data["periods"].splitlines() if line.strip()), start=1):
            match = PERIOD_LINE.match(line)
            try:
                h1, m1, h2, m2 = (int(x) for x in match.groups()) if match else (None,) * 4
                result.append((dt.time(h1, m1), dt.time(h2, m2)))
            except (TypeError, ValueError):
                raise forms.ValidationError(_("Line %(n)s is not a period like 08:30-09:15.") % {"n": n}) from None
        if not result:
            raise forms.ValidationError(_("Enter at least one period."))
        return result
