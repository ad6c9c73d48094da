from __future__ import annotations

import datetime as dt

import pytest
import time_machine

NOW = dt.datetime(2026, 11, 23, 13, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    """Monday 23 November 2026, 13:00 UTC, clock stopped."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
