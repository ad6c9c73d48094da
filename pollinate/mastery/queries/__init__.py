"""Every read of scores and mastery for pages and the API (a package: learner pages, the class grid, next steps)."""

from pollinate.mastery.queries.grid import class_grid, grid_sections, grid_status_choices
from pollinate.mastery.queries.learner import evidence_scores, learner_get, progress, why
from pollinate.mastery.queries.next_steps import next_steps
from pollinate.mastery.queries.other import (
    alignable_activity_get,
    expectation_page,
    learner_records,
    quick_check_sections,
    score_list,
)
from pollinate.mastery.queries.recalculation import RecalculationStatus, recalculation_status

__all__ = [
    "RecalculationStatus",
    "alignable_activity_get",
    "class_grid",
    "evidence_scores",
    "expectation_page",
    "grid_sections",
    "grid_status_choices",
    "learner_get",
    "learner_records",
    "next_steps",
    "progress",
    "quick_check_sections",
    "recalculation_status",
    "score_list",
    "why",
]
