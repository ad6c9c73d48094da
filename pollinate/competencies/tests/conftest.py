from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

CASE_SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples" / "case" / "opensalt"


@pytest.fixture
def case_sample():
    """The bytes of one shared CASE sample, read in place."""

    def _read(name: str) -> bytes:
        return (CASE_SAMPLES / name).read_bytes()

    return _read
