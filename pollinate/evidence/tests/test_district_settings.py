"""A district decides which audiences learners may choose, the youngest public age and the upload limit."""

from __future__ import annotations

import pytest

from pollinate.core.models import AuditEvent
from pollinate.evidence import policies
from pollinate.evidence.models import DistrictEvidenceSettings

pytestmark = pytest.mark.django_db
URL = "/evidence/settings/"


def test_district_admin_restricts_audiences_and_learners_lose_those_choices(world, client_for):
    response = client_for(world.district_admin).post(
        URL, {"allowed_audiences": ["only_me", "guides", "family"], "public_min_age": "14", "max_upload_mb": "20"}
    )
    assert response.status_code == 302
    saved = DistrictEvidenceSettings.objects.get(district=world.district_admin.district)
    assert (saved.allowed_audiences, saved.public_min_age, saved.max_upload_mb) == (
        ["only_me", "guides", "family"], 14, 20
    )
    assert policies.audiences_allowed_for(world.student) == ["only_me", "guides", "family"]
    assert AuditEvent.objects.filter(verb="evidence.settings_update").count() == 1


def test_only_me_cannot_be_taken_away(world, client_for):
    response = client_for(world.district_admin).post(
        URL, {"allowed_audiences": ["guides"], "public_min_age": "13", "max_upload_mb": "50"}
    )
    assert response.status_code == 200
    assert "keep work to themselves" in response.content.decode()
    assert not DistrictEvidenceSettings.objects.exists()


@pytest.mark.parametrize("persona", ["teacher", "leader_a1", "student", "guardian"])
def test_nobody_else_may_change_them(world, client_for, persona):
    client = client_for(world.persona(persona))
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"allowed_audiences": ["only_me"], "public_min_age": "0", "max_upload_mb": "1"})
    assert response.status_code == 403
    assert not DistrictEvidenceSettings.objects.exists()
