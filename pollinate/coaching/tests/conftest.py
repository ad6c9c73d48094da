from __future__ import annotations

import datetime as dt

import pytest
import time_machine

# A Monday morning; the world is built "now", so every assignment starts on this day.
MONDAY = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller
