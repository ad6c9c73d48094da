"""Each person's home page: one panel per role they hold, most far-reaching first.

Which panels a person gets is read from their scope (their roles and relationships); the panels themselves are
in ``panels`` (people), ``queue`` (the guide's counts) and ``learning`` (the learner's own).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pollinate.coaching.queries import HomePanel, coaching_home_panel
from pollinate.dashboards.queries.learning import learner_home
from pollinate.dashboards.queries.panels import (
    ChildCard,
    ClassCard,
    DistrictPanel,
    SchoolRow,
    children,
    district_panels,
    lead_coach_network,
    led_schools,
    mentees,
    site_coach_caseload,
    student_classes,
    teacher_classes,
)
from pollinate.dashboards.queries.queue import guide_queue_counts
from pollinate.people.models import Person, Role
from pollinate.people.roles import Scope, scope_for


@dataclass
class Home:
    """Everything one person's home page shows: one panel per role they hold (None when not theirs)."""

    district_admin: list[DistrictPanel] | None = None
    school_leader: list[SchoolRow] | None = None
    lead_coach: dict[str, Any] | None = None
    site_coach: dict[str, Any] | None = None
    teacher: dict[str, Any] | None = None
    mentor: list[Person] | None = None
    guardian: list[ChildCard] | None = None
    student: list[ClassCard] | None = None
    # Learning: the guide's queue counts, and the learner's own goals, next steps and work.
    queue: dict[str, int] | None = None
    learner: Any = None
    # Coaching: the next check-in, this week's, overdue people and active cycles (only when there is any).
    coaching: HomePanel | None = None

    @property
    def is_empty(self) -> bool:
        return all(
            getattr(self, name) is None
            for name in (
                "district_admin", "school_leader", "lead_coach", "site_coach",
                "teacher", "mentor", "guardian", "student", "queue", "learner", "coaching",
            )
        )


def home(*, viewer: Any, path: str = "") -> Home:
    """The home page of ``viewer``: a panel for each role in their scope, most far-reaching first."""
    scope = scope_for(viewer)
    page = Home()
    if scope.is_anonymous:
        return page
    if scope.admin_district_ids:
        page.district_admin = district_panels(viewer=viewer, scope=scope)
    if scope.led_school_ids:
        page.school_leader = led_schools(viewer=viewer, scope=scope)
    if scope.has_role(Role.LEAD_COACH):
        page.lead_coach = lead_coach_network(viewer=viewer)
    if scope.has_role(Role.SITE_COACH):
        page.site_coach = site_coach_caseload(viewer=viewer)
    if scope.taught_section_ids or scope.has_role(Role.TEACHER):
        page.teacher = teacher_classes(viewer=viewer, scope=scope)
    if scope.mentee_ids or scope.has_role(Role.MENTOR):
        page.mentor = mentees(viewer=viewer, scope=scope, path=path)
    if scope.ward_ids or scope.has_role(Role.GUARDIAN):
        page.guardian = children(viewer=viewer, scope=scope, path=path)
    if scope.enrolled_section_ids or scope.has_role(Role.STUDENT):
        page.student = student_classes(viewer=viewer, scope=scope)
    if scope.taught_section_ids or scope.mentee_ids or scope.coachee_ids:
        page.queue = guide_queue_counts(viewer=viewer)
    if _is_learner(scope):
        page.learner = learner_home(viewer=viewer, scope=scope)
    if _is_learner(scope) or scope.coachee_ids or scope.mentee_ids:
        panel = coaching_home_panel(viewer)
        page.coaching = panel if panel.show else None
    return page


# Educators pursue professional goals with their coaches, so they get a learner's panel too.
_LEARNER_ROLES = (Role.STUDENT, Role.TEACHER, Role.SITE_COACH, Role.LEAD_COACH, Role.MENTOR, Role.SCHOOL_LEADER)


def _is_learner(scope: Scope) -> bool:
    return bool(scope.enrolled_section_ids or scope.taught_section_ids or scope.has_role(*_LEARNER_ROLES))
