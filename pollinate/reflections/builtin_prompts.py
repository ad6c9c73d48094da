"""Marks the built-in prompts' wording for translation (the data migration stores the English text)."""

from django.utils.translation import gettext_noop

BUILTIN_PROMPTS = [
    gettext_noop("What am I learning right now, in my own words?"),
    gettext_noop("Why does this matter to me, or to someone else?"),
    gettext_noop("How do I know I am learning it? What shows it?"),
    gettext_noop("What will I try or learn next?"),
    gettext_noop("What helped me learn this?"),
    gettext_noop("What got in the way, and what could I do about it?"),
]
