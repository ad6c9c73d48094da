"""The mastery API: scores created and listed under policy, a learner's mastery, why, and the class grid."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pollinate.mastery import services
from pollinate.mastery.models import Score
from pollinate.mastery.tests.factories import make_evidence

pytestmark = pytest.mark.django_db
API = "/api/v1/mastery"


def _post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_self_assessment_then_guide_score_then_mastery_and_why(world, comps, client_for):
    piece = make_evidence(world.student, title="Pond life poster", produced_on=dt.date(2026, 10, 1))
    mine = _post(
        client_for(world.student), f"{API}/scores", {"evidence_id": piece.pk, "competency_id": comps[0].pk, "level": 2}
    )
    assert (mine.status_code, mine.json()["kind"], mine.json()["level"]) == (201, "self", 2.0)
    theirs = _post(
        client_for(world.teacher), f"{API}/scores", {"evidence_id": piece.pk, "competency_id": comps[0].pk, "level": 3}
    )
    assert (theirs.status_code, theirs.json()["kind"]) == (201, "guide")

    student = client_for(world.student)
    records = student.get(f"{API}/learners/{world.student.pk}").json()
    assert [(r["code"], r["level"], r["status"], r["n_scores"]) for r in records] == [("SCI.1", 3.0, "mastered", 1)]
    why = student.get(f"{API}/learners/{world.student.pk}/why/{comps[0].pk}", {"what_if": 1}).json()
    # One more at 1: 1 × 0.65 + 3 × 0.35 = 1.7.
    assert (why["level"], why["level_words"], why["what_if"]) == (3.0, "Proficient", 1.7)
    assert [s["title"] for s in why["scores"]] == ["Pond life poster"]
    listed = client_for(world.teacher).get(f"{API}/scores", {"learner_id": world.student.pk}).json()
    assert sorted(s["kind"] for s in listed) == ["guide", "self"]


def test_refusals_answer_403_or_404_and_write_nothing(world, comps, client_for):
    piece = make_evidence(world.student)
    other = _post(
        client_for(world.other_teacher),
        f"{API}/scores",
        {"evidence_id": piece.pk, "competency_id": comps[0].pk, "level": 3},
    )
    assert other.status_code == 404  # the piece is not visible to them
    leader = _post(
        client_for(world.leader_a1),
        f"{API}/scores",
        {"evidence_id": piece.pk, "competency_id": comps[0].pk, "level": 3},
    )
    assert leader.status_code == 404  # oversight does not open private work
    assert not Score.objects.exists()
    assert client_for(world.outsider_admin).get(f"{API}/learners/{world.student.pk}").status_code == 404
    assert client_for(world.other_teacher).get(f"{API}/classes/{world.section.pk}/grid").status_code == 404
    assert client_for(None).get(f"{API}/learners/{world.student.pk}").status_code == 401


def test_class_grid_as_json(world, framework, comps, client_for):
    piece = make_evidence(world.student)
    services.guide_score_save(actor=world.teacher, evidence=piece, competency_id=comps[1].pk, level=2)
    grid = (
        client_for(world.teacher).get(f"{API}/classes/{world.section.pk}/grid", {"framework_id": framework.pk}).json()
    )
    assert [c["code"] for c in grid["competencies"]] == ["SCI.1", "SCI.2", "SCI.3"]
    assert [(c["level"], c["status"]) for c in grid["rows"][0]["cells"]] == [
        (None, "not_started"),
        (2.0, "working"),
        (None, "not_started"),
    ]
