"""Who may read and give scores and mastery (issue 4), by page and API, across every persona.

One table, written by hand from the decided rules (not computed from the policies it checks):

- a learner's progress, "why" and mastery (page and API): the learner, their guides (teacher, mentor), family,
  and leaders overseeing their school or district; nobody else (404, leaking nothing);
- the class grid of "Grade 4 Science": its teacher, the leader of its school and the district administrator;
- scoring a piece shared with family: the learner (their self-assessment) and their guides who see it (teacher,
  mentor); family sees the piece but may not score it (403); everyone else does not see it (404);
- expected progressions: school leaders and district administrators (403 for everyone else signed in).

Anonymous visitors are sent to sign in (302 on pages) or get 401 (API). Refused writes write nothing.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from pollinate.competencies.tests.factories import make_competency, make_framework
from pollinate.evidence.models import Audience
from pollinate.mastery.models import MasteryRecord, Score
from pollinate.mastery.tests.factories import make_evidence

pytestmark = pytest.mark.django_db

# fmt: off
PERSONAS = [
    "student", "teacher", "mentor", "coach", "lead_coach", "guardian", "other_student", "other_teacher",
    "leader_a1", "district_admin", "leader_a2", "other_guardian", "outsider_student", "outsider_admin", "anonymous",
]
TABLE = {
    #                  stu tea men coa lea gua ost oth la1 adm la2 ogu ous oad ano
    "progress":       "200 200 200 404 404 200 404 404 200 200 404 404 404 404 302",
    "why":            "200 200 200 404 404 200 404 404 200 200 404 404 404 404 302",
    "api_mastery":    "200 200 200 404 404 200 404 404 200 200 404 404 404 404 401",
    "grid":           "404 200 404 404 404 404 404 404 200 200 404 404 404 404 302",
    "api_grid":       "404 200 404 404 404 404 404 404 200 200 404 404 404 404 401",
    "score":          "302 302 302 404 404 403 404 404 404 404 404 404 404 404 302",
    "expectations":   "403 403 403 403 403 403 403 403 200 200 200 403 403 200 302",
}
# fmt: on
CASES = [
    (name, persona, code) for name, row in TABLE.items() for persona, code in zip(PERSONAS, row.split(), strict=True)
]


@pytest.fixture
def setting(world):
    framework = make_framework(world.school_a1.district, title="Science practices")
    competency = make_competency(framework, "Ask a testable question", code="SCI.1")
    piece = make_evidence(world.student, audience=Audience.FAMILY)
    return framework, competency, piece


@pytest.mark.parametrize(("name", "persona", "expected"), CASES)
def test_mastery_permissions(world, setting, client_for, name, persona, expected):
    framework, competency, piece = setting
    client = client_for(world.persona(persona))
    student = world.student.pk
    if name == "score":
        response = client.post(
            reverse("mastery:score", args=[piece.pk]),
            {"framework": framework.pk, "competency": competency.pk, "level": 3},
        )
        written = Score.objects.count()
        assert written == (1 if expected == "302" and persona != "anonymous" else 0)
        assert MasteryRecord.objects.count() == (1 if persona in ("teacher", "mentor") else 0)
    else:
        url = {
            "progress": reverse("mastery:progress", args=[student]),
            "why": reverse("mastery:why", args=[student, competency.pk]),
            "api_mastery": f"/api/v1/mastery/learners/{student}",
            "grid": reverse("mastery:grid", args=[world.section.pk]),
            "api_grid": f"/api/v1/mastery/classes/{world.section.pk}/grid",
            "expectations": reverse("mastery:expectations"),
        }[name]
        response = client.get(url)
    assert response.status_code == int(expected), (name, persona, response.content[:300])
    if expected in ("403", "404") and name.startswith("api"):
        assert json.loads(response.content)["detail"]
