"""Writes for competencies: rubric scales, local frameworks and their trees, CASE import, mastery settings.

Split by subject (``scales``, ``frameworks``, ``case_import``); import from here.
"""

from pollinate.competencies.services.frameworks import ensure_built_in_frameworks  # noqa: F401
from pollinate.competencies.services.scales import DEFAULT_LEVELS, ensure_default_scale  # noqa: F401
