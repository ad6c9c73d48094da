"""Frameworks, competencies and scales for tests. Written straight to the database."""

from __future__ import annotations

from typing import Any

from pollinate.competencies.models import Competency, Framework, RubricScale
from pollinate.competencies.services import ensure_default_scale


def make_framework(district: Any = None, *, title: str = "Science practices", **fields: Any) -> Framework:
    source = Framework.Source.LOCAL if district is not None else Framework.Source.BUILT_IN
    fields.setdefault("source", source)
    fields.setdefault("scale", ensure_default_scale(district))
    return Framework.objects.create(district=district, title=title, **fields)


def make_competency(framework: Framework, statement: str = "Ask a testable question", **fields: Any) -> Competency:
    parent = fields.get("parent")
    fields.setdefault("depth", parent.depth + 1 if parent is not None else 0)
    return Competency.objects.create(framework=framework, statement=statement, **fields)


def make_scale(district: Any, *, name: str = "Three steps", levels=((1, "Not yet"), (2, "Almost"), (3, "Yes"))):
    scale = RubricScale.objects.create(district=district, name=name, mastery_threshold=levels[-1][0])
    for value, label in levels:
        scale.levels.create(value=value, label=label)
    return scale
