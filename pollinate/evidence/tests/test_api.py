"""The evidence API under the same policy as the pages."""

from __future__ import annotations

import json

from pollinate.evidence.models import Evidence
from pollinate.evidence.tests.helpers import make_writing, png_bytes, upload


def test_create_writing_as_json(world, client_for):
    response = client_for(world.student).post(
        "/api/v1/evidence", json.dumps({"kind": "writing", "title": "T", "body": "<b>hi</b><script>x</script>"}),
        content_type="application/json")
    assert response.status_code == 201
    assert (response.json()["body"], response.json()["audience"]) == ("<p><b>hi</b></p>", "guides")


def test_upload_multipart(world, client_for):
    response = client_for(world.student).post(
        "/api/v1/evidence/upload", {"kind": "photo", "title": "P", "audience": "family",
                                    "file": upload("p.png", png_bytes(), "image/png")})
    assert response.status_code == 201
    data = response.json()
    assert (data["content_type"], data["has_thumbnail"], data["audience"]) == ("image/png", True, "family")
    assert data["file_url"] == f"/api/v1/evidence/{data['id']}/file"


def test_list_mine_and_a_learners_as_visible(world, client_for):
    make_writing(world.student, title="guides")
    make_writing(world.student, title="only me", audience="only_me")
    mine = client_for(world.student).get("/api/v1/evidence").json()
    assert [i["title"] for i in mine["items"]] == ["only me", "guides"]
    theirs = client_for(world.teacher).get(f"/api/v1/evidence?learner_id={world.student.pk}").json()
    assert (theirs["count"], [i["title"] for i in theirs["items"]]) == (1, ["guides"])


def test_update_and_delete_only_by_the_learner(world, client_for):
    piece = make_writing(world.student, audience="school")
    teacher = client_for(world.teacher)
    assert teacher.patch(f"/api/v1/evidence/{piece.pk}", json.dumps({"title": "x"}),
                         content_type="application/json").status_code == 403
    assert teacher.delete(f"/api/v1/evidence/{piece.pk}").status_code == 403
    student = client_for(world.student)
    response = student.patch(f"/api/v1/evidence/{piece.pk}", json.dumps({"in_portfolio": True, "audience": "class"}),
                             content_type="application/json")
    assert (response.status_code, response.json()["in_portfolio"], response.json()["audience"]) == (200, True, "class")
    assert student.delete(f"/api/v1/evidence/{piece.pk}").status_code == 204
    assert Evidence.objects.count() == 0


def test_public_refused_for_unknown_age_via_api(world, client_for):
    world.student.birth_date = None
    world.student.save()
    response = client_for(world.student).post(
        "/api/v1/evidence", json.dumps({"kind": "link", "title": "Site", "link_url": "https://example.org",
                                        "audience": "public"}), content_type="application/json")
    assert response.status_code == 400
    assert Evidence.objects.count() == 0
