"""The Python-rendered Select writes what Django's templates write."""

from __future__ import annotations

import re

import pytest
from django import forms

from pollinate.core.widgets import Select

CHOICES = [
    ("", "Any"),
    (1, "Fish & <chips>"),
    ('Group "quoted"', [("a", "Alpha"), ("b", "Beta")]),
    (3, 'Say "hi"'),
]


def _form(widget: type[forms.Select]) -> type[forms.Form]:
    class Filters(forms.Form):
        pick = forms.ChoiceField(choices=CHOICES, required=False, widget=widget(attrs={"class": "x", "data-a": "1"}))
        need = forms.ChoiceField(choices=CHOICES, help_text="Help", widget=widget)

    return Filters


def _tight(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("data", [None, {"pick": "b", "need": "1"}, {"pick": "3", "need": "nope"}])
def test_same_markup_as_django_selected_grouped_escaped_and_described(data):
    ours, django = _form(Select)(data=data), _form(forms.Select)(data=data)
    if data:
        ours.is_valid(), django.is_valid()
    for name in ("pick", "need"):
        assert _tight(ours[name]) == _tight(django[name])
    assert "Fish &amp; &lt;chips&gt;" in str(ours["pick"])
    assert 'aria-describedby="id_need_helptext' in str(ours["need"])
    if data and data["pick"] == "b":
        assert '<option value="b" selected>Beta</option>' in str(ours["pick"])
