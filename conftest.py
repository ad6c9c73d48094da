"""Fixtures every test directory shares (personas live in tests/personas.py)."""

from tests.personas import client_for, world  # noqa: F401
