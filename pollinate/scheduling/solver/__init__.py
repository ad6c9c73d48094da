"""Pure scheduling: plain data in, a week out. No Django here (the service translates to and from models)."""

from .common import components, options, reasons, travel_of, violations
from .cpsat import solve, solve_plain
from .greedy import greedy
from .instance import (
    DEFAULT_TRAVEL_MINUTES,
    NO_CAPACITY,
    NO_COMMON_SLOT,
    NO_FREE_PERIOD,
    SLOTS_TAKEN,
    Coach,
    Fixed,
    Instance,
    Placement,
    Request,
    Solution,
    Travel,
    Unplaced,
    clashing_periods,
)

__all__ = [
    "DEFAULT_TRAVEL_MINUTES",
    "NO_CAPACITY",
    "NO_COMMON_SLOT",
    "NO_FREE_PERIOD",
    "SLOTS_TAKEN",
    "Coach",
    "Fixed",
    "Instance",
    "Placement",
    "Request",
    "Solution",
    "Travel",
    "Unplaced",
    "clashing_periods",
    "components",
    "greedy",
    "options",
    "reasons",
    "solve",
    "solve_plain",
    "travel_of",
    "violations",
]
