"""Fixtures every test directory shares (personas live in tests/personas.py)."""

import pytest
from django.conf import settings
from django.utils import translation

from tests.personas import client_for, world  # noqa: F401


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in Spanish leaves Spanish active in the thread (Django's locale middleware activates, never
    resets): text a later test builds outside a request would come out in Spanish."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
