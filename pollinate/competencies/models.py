"""Competency frameworks, their trees of competencies, and the rubric scales they are scored on.

A ``Framework`` is imported from a CASE package (identified by its CFDocument identifier, so a re-import
updates in place) or built by a district; built-in frameworks (Habits of Mind, the four attributes of
personalized learning) have no district and are visible everywhere. ``Competency`` rows form a tree (CASE
CFItems and their isChildOf associations). Each framework has a ``RubricScale`` of ordered ``RubricLevel``s
(default 1-4 Beginning, Developing, Proficient, Extending) with plain-language family wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The CASE identifiers of the built-in frameworks and their competencies start with this (see built_in.py).
BUILT_IN_PREFIX = "pollinate:"


def _ours(text: str, built_in: bool) -> str:
    """A built-in framework's wording is ours and in the catalog, so each reader gets it in their language;
    a district's own stays as the district wrote it."""
    return gettext(text) if built_in and text else text


class RubricScale(models.Model):
    district = models.ForeignKey("people.District", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    # The level at or above which a competency counts as mastered (e.g. 3 = Proficient).
    mastery_threshold = models.FloatField(_("mastered at"), default=3)
    # The 1-4 scale every framework starts on: one shared (district=None) and at most one per district.
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district"],
                condition=Q(is_default=True, district__isnull=False),
                name="competencies_one_default_scale_per_district",
            ),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True, district__isnull=True),
                name="competencies_one_shared_default_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RubricLevel(models.Model):
    scale = models.ForeignKey(RubricScale, on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("points"))
    label = models.CharField(_("label"), max_length=80)  # "Proficient"
    family_label = models.CharField(_("in family words"), max_length=120, blank=True, default="")  # "on pace"
    description = models.TextField(_("what it looks like"), blank=True, default="")

    class Meta:
        ordering = ["scale", "value"]
        constraints = [models.UniqueConstraint(fields=["scale", "value"], name="competencies_level_unique")]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


class Framework(models.Model):
    class Source(models.TextChoices):
        CASE = "case", _("Imported from CASE")
        SPREADSHEET = "spreadsheet", _("Imported from a spreadsheet")
        LOCAL = "local", _("Built by the district")
        BUILT_IN = "built_in", _("Built in")

    # None for built-in frameworks, which every district sees.
    district = models.ForeignKey("people.District", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=255)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.LOCAL)
    # CASE CFDocument identifier (a UUID) for imported frameworks; a stable slug for built-in ones.
    case_identifier = models.CharField(max_length=255, blank=True, default="")
    case_uri = models.URLField(max_length=500, blank=True, default="")
    creator = models.CharField(_("publisher"), max_length=255, blank=True, default="")
    version = models.CharField(max_length=64, blank=True, default="")
    subject = models.CharField(max_length=255, blank=True, default="")
    description = models.TextField(blank=True, default="")
    licence = models.TextField(_("licence and attribution"), blank=True, default="")
    scale = models.ForeignKey(RubricScale, on_delete=models.PROTECT, related_name="frameworks")
    # How mastery is calculated from scores; see mastery.calculations for the methods and their settings.
    mastery_method = models.CharField(max_length=32, default="decaying_average")
    mastery_settings = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "case_identifier"],
                name="competencies_framework_unique_case",
                condition=~Q(case_identifier=""),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_title(self) -> str:
        return _ours(self.title, self.source == self.Source.BUILT_IN)

    @property
    def shown_description(self) -> str:
        return _ours(self.description, self.source == self.Source.BUILT_IN)

    @property
    def shown_subject(self) -> str:
        return _ours(self.subject, self.source == self.Source.BUILT_IN)

    @property
    def shown_licence(self) -> str:
        return _ours(self.licence, self.source == self.Source.BUILT_IN)

    def calculation_for(self, district_id: int | None) -> Calculation:
        """How mastery on this framework is calculated for a district's learners: a district's framework has its
        own; a built-in one (shared by every district) takes the district's choice, or the default until it made
        one. One query the first time per built-in framework and district (``load_calculations`` does many)."""
        if self.district_id is not None or district_id is None:
            return Calculation(self.mastery_method, self.mastery_settings or {})
        chosen = self.__dict__.setdefault("_calculations", {})
        if district_id not in chosen:
            load_calculations([self], district_id)
        return chosen[district_id]


@dataclass(frozen=True)
class Calculation:
    method: str
    settings: dict[str, Any]


def load_calculations(frameworks: list[Framework], district_id: int | None) -> None:
    """Read a district's choices for the built-in frameworks among ``frameworks`` in one query (none when there
    are no built-in ones), so that ``calculation_for`` answers without another."""
    shared = [f for f in frameworks if f.district_id is None]
    if not shared or district_id is None:
        return
    found = {
        fid: Calculation(method, settings or {})
        for fid, method, settings in DistrictCalculation.objects.filter(
            district_id=district_id, framework__in=[f.pk for f in shared]
        ).values_list("framework_id", "mastery_method", "mastery_settings")
    }
    for framework in shared:
        framework.__dict__.setdefault("_calculations", {})[district_id] = found.get(
            framework.pk, Calculation(framework.mastery_method, framework.mastery_settings or {})
        )


class DistrictCalculation(models.Model):
    """A district's choice of calculation on a built-in framework, which belongs to no district: the framework's
    own method and settings stay the default for every other district."""

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="district_calculations")
    mastery_method = models.CharField(max_length=32)
    mastery_settings = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district", "framework"], name="competencies_one_calculation_per_district")
        ]

    def __str__(self) -> str:
        return f"{self.framework} ({self.mastery_method})"


class Competency(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="competencies")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    case_identifier = models.CharField(max_length=255, blank=True, default="")
    code = models.CharField(_("code"), max_length=120, blank=True, default="")  # humanCodingScheme
    statement = models.TextField(_("statement"))  # fullStatement
    abbreviated = models.CharField(_("short name"), max_length=255, blank=True, default="")
    item_type = models.CharField(_("level"), max_length=120, blank=True, default="")  # CFItemType: Strand, Standard..
    education_levels = models.CharField(_("grades"), max_length=255, blank=True, default="")
    position = models.PositiveIntegerField(default=0)
    depth = models.PositiveSmallIntegerField(default=0)
    # Only leaves (or items flagged scorable) are scored; strands roll up for display.
    is_scorable = models.BooleanField(default=True)
    # Set when a re-import no longer contains the item but scores refer to it, so it is kept, not deleted.
    withdrawn_at = models.DateTimeField(_("no longer in the source since"), null=True, blank=True)

    class Meta:
        ordering = ["framework", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "case_identifier"],
                name="competencies_item_unique_case",
                condition=~Q(case_identifier=""),
            ),
        ]
        indexes = [models.Index(fields=["framework", "parent"], name="competencies_tree_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.label[:60]}".strip()

    @property
    def is_built_in(self) -> bool:
        return self.case_identifier.startswith(BUILT_IN_PREFIX)

    @property
    def label(self) -> str:
        """The short name pages show, in the reader's language for a built-in competency."""
        return _ours(self.abbreviated or self.statement, self.is_built_in)

    @property
    def shown_statement(self) -> str:
        return _ours(self.statement, self.is_built_in)


class CompetencyLink(models.Model):
    """A published connection from a competency beyond the tree: a CASE association such as exactMatchOf,
    isRelatedTo, precedes or exemplar. The target may be another competency (found by its CASE identifier when it
    is in a framework the reader sees) or anything else a URI names, such as an example lesson."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=64)  # the associationType as published
    # The association points into the competency from outside its package: the target is its origin.
    incoming = models.BooleanField(default=False)
    target_identifier = models.CharField(max_length=255, blank=True, default="")
    target_uri = models.CharField(max_length=500, blank=True, default="")
    target_title = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        ordering = ["kind", "id"]
        indexes = [models.Index(fields=["target_identifier"], name="competencies_link_target_idx")]

    def __str__(self) -> str:
        return f"{self.competency_id} {self.kind} {self.target_identifier}"


class LevelDescriptor(models.Model):
    """What one level looks like for one competency: a row of a CASE rubric (CFRubricCriterionLevel) whose
    criterion points at the competency. The framework's scale says what "3" is called; this says what 3 looks like
    for this competency, which is what a guide reads when scoring and a family when reading the level."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="level_descriptors")
    # The criterion it belongs to (its category or description): a competency may have more than one.
    criterion = models.CharField(max_length=255, blank=True, default="")
    score = models.FloatField(null=True, blank=True)
    quality = models.CharField(max_length=255, blank=True, default="")  # "Proficient", the column header
    description = models.TextField(blank=True, default="")
    feedback = models.TextField(blank=True, default="")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["competency", "position", "id"]

    def __str__(self) -> str:
        return f"{self.competency_id} {self.quality or self.score}"
