"""Every write of scores, quick checks, expectations, alignments and suggestions, and the mastery they update.

A score recomputes only its learner × competency (``recompute_one``: a handful of indexed queries). The
management command ``recompute_mastery`` rebuilds every record from scratch in streamed chunks with bulk
writes (``recompute_all``), using ``calculations.level_only`` (no explanations, just the level).
"""

from pollinate.mastery.services.pace import (
    activity_competencies_set,
    expected_level_delete,
    expected_level_set,
    suggestion_dismiss,
    suggestions_restore,
)
from pollinate.mastery.services.quick_checks import (
    QuickCheckFit,
    QuickCheckImport,
    quick_check_chances_fit,
    quick_check_import,
)
from pollinate.mastery.services.rebuild import RecomputeReport, recompute_all, recompute_framework_soon
from pollinate.mastery.services.scoring import (
    BKT_MASTERED,
    DEFAULT_BKT,
    bkt_params,
    guide_score_save,
    recompute_one,
    score_save,
    self_assessment_save,
    status_for,
)

__all__ = [
    "BKT_MASTERED",
    "DEFAULT_BKT",
    "QuickCheckFit",
    "QuickCheckImport",
    "RecomputeReport",
    "activity_competencies_set",
    "bkt_params",
    "expected_level_delete",
    "expected_level_set",
    "guide_score_save",
    "quick_check_chances_fit",
    "quick_check_import",
    "recompute_all",
    "recompute_framework_soon",
    "recompute_one",
    "score_save",
    "self_assessment_save",
    "status_for",
    "suggestion_dismiss",
    "suggestions_restore",
]
