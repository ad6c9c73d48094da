from __future__ import annotations

import pytest
import time_machine

from pollinate.scheduling.tests.factories import FRIDAY_BEFORE, make_network


@pytest.fixture
def friday():
    with time_machine.travel(FRIDAY_BEFORE, tick=False):
        yield


@pytest.fixture
def net(db, friday):
    return make_network()
