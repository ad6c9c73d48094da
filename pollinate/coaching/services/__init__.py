"""Writes for coaching: the network, settings and cadences, cycles, check-ins and their next steps, escalation.

Next steps agreed at a check-in become action steps on one of the attendee's goals through ``goals.services``
(the goals app owns its tables). Escalation is idempotent: an ``Escalation`` row per item and recipient means
running it twice notifies nobody twice.
"""

from pollinate.coaching.services._common import settings_for
from pollinate.coaching.services.check_ins import (
    check_in_create,
    check_in_follow_up,
    check_in_mark,
    check_in_share_notes,
    check_in_update,
    next_step_add,
)
from pollinate.coaching.services.cycles import cycle_advance, cycle_create, cycle_delete, cycle_share, cycle_update
from pollinate.coaching.services.escalation import escalate_overdue, escalation_recipients, overdue_beyond_grace
from pollinate.coaching.services.network import (
    assignment_create,
    assignment_end,
    cadence_rule_delete,
    cadence_rule_save,
    closure_day_add,
    closure_day_remove,
    coaching_settings_update,
    supporter_word,
)

__all__ = [
    "assignment_create",
    "assignment_end",
    "cadence_rule_delete",
    "cadence_rule_save",
    "check_in_create",
    "check_in_follow_up",
    "check_in_mark",
    "check_in_share_notes",
    "check_in_update",
    "closure_day_add",
    "closure_day_remove",
    "coaching_settings_update",
    "cycle_advance",
    "cycle_create",
    "cycle_delete",
    "cycle_share",
    "cycle_update",
    "escalate_overdue",
    "escalation_recipients",
    "next_step_add",
    "overdue_beyond_grace",
    "settings_for",
    "supporter_word",
]
