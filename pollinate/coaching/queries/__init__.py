"""Reads for coaching pages and the API. Every one starts from a ``*_visible_to`` policy.

A mentor reading their student mentees' check-ins is reading a student's record: those reads are recorded
with ``record_student_reads`` (two queries whatever the number of students). Coverage lives in ``coverage``.
"""

from __future__ import annotations

from pollinate.coaching.coverage import coverage_report
from pollinate.coaching.queries.check_ins import (
    check_in_detail,
    check_in_get,
    check_in_list,
    check_in_partners,
    goal_get,
    my_check_ins,
    next_step_list,
    readable_check_ins,
)
from pollinate.coaching.queries.common import (
    LIST_LIMIT,
    UNDER_SHARE,
    UPCOMING,
    settings_for,
)
from pollinate.coaching.queries.cycles import (
    CycleCount,
    coachees_for_cycles,
    cycle_counts_by_school,
    cycle_detail,
    cycle_get,
    cycle_list,
    linkable_evidence,
    professional_goals_of,
)
from pollinate.coaching.queries.home import (
    HomePanel,
    coaching_home_panel,
)
from pollinate.coaching.queries.network import (
    CaseloadEntry,
    CaseloadSize,
    NetworkNode,
    assignment_get,
    assignment_list,
    cadence_rule_get,
    cadence_rules,
    caseload_sizes,
    closure_day_get,
    closure_days,
    district_get,
    my_caseload,
    my_network,
    my_supporters,
    network_form_choices,
    person_get,
    school_get,
)

__all__ = [
    "LIST_LIMIT",
    "UNDER_SHARE",
    "UPCOMING",
    "CaseloadEntry",
    "CaseloadSize",
    "CycleCount",
    "HomePanel",
    "NetworkNode",
    "assignment_get",
    "assignment_list",
    "cadence_rule_get",
    "cadence_rules",
    "caseload_sizes",
    "check_in_detail",
    "check_in_get",
    "check_in_list",
    "check_in_partners",
    "closure_day_get",
    "closure_days",
    "coachees_for_cycles",
    "coaching_home_panel",
    "coverage_report",
    "cycle_counts_by_school",
    "cycle_detail",
    "cycle_get",
    "cycle_list",
    "district_get",
    "goal_get",
    "linkable_evidence",
    "my_caseload",
    "my_check_ins",
    "my_network",
    "my_supporters",
    "network_form_choices",
    "next_step_list",
    "person_get",
    "professional_goals_of",
    "readable_check_ins",
    "school_get",
    "settings_for",
]
