"""Every write of the scheduling app: the scheduler's inputs, running the scheduler, and arranging its slots."""

from pollinate.scheduling.defaults import scheduling_settings
from pollinate.scheduling.services.inputs import (
    bell_schedule_save,
    coach_profile_save,
    free_periods_set,
    scheduling_settings_save,
    travel_time_set,
)
from pollinate.scheduling.services.runs import (
    execute_run,
    save_solution,
    schedule_week,
    schedule_week_as_operator,
    start_schedule_week,
)
from pollinate.scheduling.services.slots import slot_accept, slot_lock, slot_move
from pollinate.scheduling.services.week import Week, build_week, slot_times

__all__ = [
    "Week",
    "bell_schedule_save",
    "build_week",
    "coach_profile_save",
    "execute_run",
    "free_periods_set",
    "save_solution",
    "schedule_week",
    "schedule_week_as_operator",
    "scheduling_settings",
    "scheduling_settings_save",
    "slot_accept",
    "slot_lock",
    "slot_move",
    "slot_times",
    "start_schedule_week",
    "travel_time_set",
]
