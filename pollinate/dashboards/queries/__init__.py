"""Reads for the home pages and the guide queue. Every read starts from a people policy, so a page can never show
more than the person may see elsewhere, and costs a fixed number of queries whatever the number of classes,
learners or schools.

- ``home``: which panels a person gets, from their scope;
- ``panels``: the people panels (districts, schools, coaching, classes, mentees, children);
- ``queue``: the guide's "who needs me" queue and its counts;
- ``learning``: the learner's own panel.
"""

from pollinate.dashboards.queries.home import Home, home
from pollinate.dashboards.queries.learning import HOME_ROWS, LearnerHome, NextStep, learner_home
from pollinate.dashboards.queries.panels import (
    CASELOAD_TARGET,
    Bar,
    ChildCard,
    ClassCard,
    DistrictPanel,
    SchoolRow,
    bars,
    children,
    district_panels,
    lead_coach_network,
    led_schools,
    mentees,
    site_coach_caseload,
    student_classes,
    teacher_classes,
)
from pollinate.dashboards.queries.queue import (
    DEFAULT_INACTIVE_DAYS,
    INACTIVE_DAYS_CHOICES,
    QUEUE_LIMIT,
    GuideQueue,
    QueueList,
    guide_classes,
    guide_queue,
    guide_queue_counts,
)

__all__ = [
    "CASELOAD_TARGET", "DEFAULT_INACTIVE_DAYS", "HOME_ROWS", "INACTIVE_DAYS_CHOICES", "QUEUE_LIMIT",
    "Bar", "ChildCard", "ClassCard", "DistrictPanel", "GuideQueue", "Home", "LearnerHome", "NextStep", "QueueList",
    "SchoolRow", "bars", "children", "district_panels", "guide_classes", "guide_queue", "guide_queue_counts",
    "home", "lead_coach_network", "learner_home", "led_schools", "mentees", "site_coach_caseload",
    "student_classes", "teacher_classes",
]
