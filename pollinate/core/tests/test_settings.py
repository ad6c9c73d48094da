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


def test_the_server_refuses_to_start_without_a_secret_key():
    import os
    import subprocess
    import sys

    from django.conf import settings as django_settings

    unset = {"DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
