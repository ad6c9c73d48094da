"""Template helpers for coaching pages."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django import template
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=4096)
def _formatted(day: dt.date, language: str | None) -> str:
    return formats.date_format(day, "DATE_FORMAT")


@register.filter
def day(value: dt.date | None) -> str:
    """A date in the reader's format, like ``|date:"DATE_FORMAT"``: a coverage page shows the same few dates
    hundreds of times, so each is formatted once."""
    if value is None:
        return ""
    return _formatted(value, get_language())
