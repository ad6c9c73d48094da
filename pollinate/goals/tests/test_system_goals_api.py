"""School and district goals through the API: leaders write them, everyone in the district reads the published ones."""

from __future__ import annotations

import json

import pytest

from pollinate.core.models import AuditEvent
from pollinate.goals.models import SystemGoal

pytestmark = pytest.mark.django_db
API = "/api/v1/system-goals"


def _send(client, method, url, data):
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


def test_a_district_admin_and_a_school_leader_publish_and_everyone_in_the_district_reads(world, client_for):
    district = _send(client_for(world.district_admin), "post", API, {"level": "district", "title": "Every child reads"})
    assert district.status_code == 201
    body = district.json()
    assert (body["level"], body["school_id"], body["district_id"], body["is_published"]) == (
        "district",
        None,
        world.school_a1.district_id,
        True,
    )
    school = _send(
        client_for(world.leader_a1),
        "post",
        API,
        {"level": "school", "title": "Feedback within a week", "school_id": world.school_a1.pk},
    )
    assert school.status_code == 201
    titles = [g["title"] for g in client_for(world.student).get(API).json()]
    assert set(titles) >= {"Every child reads", "Feedback within a week"}
    assert client_for(world.outsider_teacher).get(f"{API}/{body['id']}").status_code == 404
    assert AuditEvent.objects.filter(verb="system_goal.publish").count() == 2


@pytest.mark.parametrize(
    ("persona", "data", "status"),
    [
        ("teacher", {"level": "district", "title": "Mine"}, 403),
        ("leader_a1", {"level": "school", "title": "Not my school", "school_id": "school_a2"}, 403),
        ("leader_a1", {"level": "school", "title": "Which school?"}, 400),
        ("district_admin", {"level": "district", "title": "  "}, 400),
        ("district_admin", {"level": "region", "title": "No such level"}, 422),
    ],
)
def test_who_may_not_publish_and_bad_input_write_nothing(world, client_for, persona, data, status):
    if data.get("school_id") == "school_a2":
        data = {**data, "school_id": world.school_a2.pk}
    response = _send(client_for(getattr(world, persona)), "post", API, data)
    assert response.status_code == status
    assert response.json()["detail"]
    assert not SystemGoal.objects.exists()


def test_unpublishing_hides_it_from_the_district_but_not_from_whoever_manages_it(world, client_for):
    created = _send(client_for(world.district_admin), "post", API, {"level": "district", "title": "Draft aim"}).json()
    url = f"{API}/{created['id']}"
    assert _send(client_for(world.teacher), "patch", url, {"is_published": False}).status_code == 403
    changed = _send(client_for(world.district_admin), "patch", url, {"is_published": False, "title": "Draft aim 2"})
    assert (changed.status_code, changed.json()["is_published"], changed.json()["title"]) == (200, False, "Draft aim 2")
    assert client_for(world.teacher).get(url).status_code == 404
    assert client_for(world.district_admin).get(url).status_code == 200
