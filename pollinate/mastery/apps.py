"""Mastery: rubric scores on evidence (self-assessment, then the guide's), quick checks, each learner's mastery per
competency (incremental, explained on a "why" page), progress against the school's expected pace, the class grid
with small-group workshop suggestions, and next steps. The pure calculations live in ``mastery.calculations``."""

from django.apps import AppConfig


class MasteryConfig(AppConfig):
    name = "pollinate.mastery"
    label = "mastery"
