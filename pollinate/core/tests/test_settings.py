"""Configuration is documented: every environment variable the settings read is in .env.example."""

from __future__ import annotations

import re

from django.conf import settings


def test_every_environment_variable_is_documented():
    source = (settings.BASE_DIR / "config" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list|secret)\("([A-Z_]+)"', source))
    documented = set(re.findall(r"^([A-Z_]+)=", (settings.BASE_DIR / ".env.example").read_text(), re.M))
    assert read, "settings.py reads no environment variables?"
    assert read - documented == set()


def test_database_url_parsing():
    from pathlib import Path

    from config.env import database_from_url

    pg = database_from_url("postgres://u:p%40ss@db.example:5433/pollinate", Path("/srv"))
    assert (pg["ENGINE"], pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"]) == (
        "django.db.backends.postgresql", "pollinate", "u", "p@ss", "db.example", "5433"
    )
    lite = database_from_url("", Path("/srv"))
    assert lite["NAME"] == "/srv/var/pollinate.sqlite3"
    assert "journal_mode=WAL" in lite["OPTIONS"]["init_command"]
