"""What recording a read of students costs, for tests that pin a page's queries."""

from __future__ import annotations

from django.db import connection


def audit_statements() -> int:
    """One statement on PostgreSQL (event and links together); on SQLite the event, then its links."""
    return 1 if connection.vendor == "postgresql" else 2
