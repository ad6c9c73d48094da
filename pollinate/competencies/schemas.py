"""What the competencies API reads and answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str
    errors: list[str]


class LevelOut(Schema):
    value: int
    label: str
    family_label: str
    description: str


class ScaleOut(Schema):
    id: int
    name: str
    district_id: int | None
    mastery_threshold: float
    is_default: bool
    levels: list[LevelOut]

    @staticmethod
    def resolve_levels(obj: Any) -> list[Any]:
        return list(obj.levels.all())


class LevelIn(Schema):
    value: int
    label: str = Field(..., max_length=80)
    family_label: str = Field("", max_length=120)
    description: str = ""


class ScaleIn(Schema):
    district_id: int
    name: str = Field(..., max_length=120)
    mastery_threshold: float
    levels: list[LevelIn]


class FrameworkOut(Schema):
    id: int
    title: str
    district_id: int | None
    source: str
    case_identifier: str
    case_uri: str
    creator: str
    version: str
    subject: str
    description: str
    licence: str
    scale_id: int
    mastery_method: str = Field(
        ..., description="How mastery is calculated; on a built-in framework, in calculation_district_id"
    )
    mastery_settings: dict[str, Any]
    calculation_district_id: int | None = Field(
        None, description="Built-in frameworks: the district (the caller's) whose calculation is shown"
    )
    updated_at: dt.datetime

    # A built-in framework is calculated the way each district chose; the API shows the caller's district's
    # choice (``queries.with_calculations``), a district's framework its own.
    @staticmethod
    def resolve_mastery_method(obj: Any) -> str:
        shown = getattr(obj, "shown_calculation", None)
        return shown.method if shown else obj.mastery_method

    @staticmethod
    def resolve_mastery_settings(obj: Any) -> dict[str, Any]:
        shown = getattr(obj, "shown_calculation", None)
        return shown.settings if shown else obj.mastery_settings

    @staticmethod
    def resolve_calculation_district_id(obj: Any) -> int | None:
        return getattr(obj, "shown_district_id", None)


class FrameworkIn(Schema):
    district_id: int
    title: str = Field(..., max_length=255)
    subject: str = ""
    description: str = ""
    scale_id: int | None = None


class MasteryMethodIn(Schema):
    method: str
    settings: dict[str, Any] = {}
    district_id: int | None = Field(
        None, description="Built-in frameworks: the district whose learners this applies to (default: yours)"
    )


class CompetencyOut(Schema):
    id: int
    framework_id: int
    parent_id: int | None
    case_identifier: str
    code: str
    statement: str
    abbreviated: str
    item_type: str
    education_levels: str
    position: int
    depth: int
    is_scorable: bool
    withdrawn: bool

    @staticmethod
    def resolve_withdrawn(obj: Any) -> bool:
        withdrawn_at = obj["withdrawn_at"] if isinstance(obj, dict) else getattr(obj, "withdrawn_at", None)
        return withdrawn_at is not None


class CompetencyNodeOut(CompetencyOut):
    children: list[CompetencyNodeOut]


CompetencyNodeOut.model_rebuild()


class CompetencyIn(Schema):
    statement: str
    code: str = ""
    abbreviated: str = ""
    item_type: str = ""
    education_levels: str = ""
    parent_id: int | None = None


class CompetencyFilter(Schema):
    framework_id: int | None = None
    q: str = Field("", description="Part of the code, statement or short name.")
    item_type: str = ""
    scorable: bool | None = None
    include_withdrawn: bool = False
    page: int = Field(1, ge=1)
    page_size: int | None = Field(None, ge=1, le=200)


class CompetencyPage(Schema):
    items: list[CompetencyOut]
    count: int
    page: int
    page_size: int
    pages: int


class ImportSummaryOut(Schema):
    framework_id: int | None
    title: str
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    removed: list[str]
    kept: list[str]
    warnings: list[str]
    other_associations: dict[str, int]
    described: int = Field(0, description="Competencies given descriptions of their levels by the package's rubrics")


class LevelDescriptorOut(Schema):
    score: float | None
    quality: str
    description: str
    feedback: str


class CriterionOut(Schema):
    label: str = Field(..., description="The rubric criterion's category or description (may be empty)")
    levels: list[LevelDescriptorOut]


class ConnectionOut(Schema):
    kind: str = Field(..., description="The CASE associationType, e.g. exactMatchOf, precedes, exemplar.")
    direction: str = Field(..., description="out: from this competency; in: from another competency into it.")
    words: str
    competency_id: int | None = Field(None, description="The competency at the other end, when you may see it.")
    label: str
    url: str = Field("", description="An outside web address, when the other end is not a competency.")

    @staticmethod
    def resolve_competency_id(obj: Any) -> int | None:
        return obj.competency.pk if obj.competency is not None else None
