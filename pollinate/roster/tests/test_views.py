"""The import page and run page: district administrators only; progress fragment for htmx; the API."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pollinate.people.models import Person
from pollinate.roster.models import ImportRun
from pollinate.roster.tests.conftest import write_set, zip_folder

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster_zip(tmp_path):
    # Delta, so the personas (who have sourcedIds too) are not deactivated by a bulk import into their district.
    modes = dict.fromkeys(("orgs", "academicSessions", "courses", "classes", "users", "enrollments"), "delta")
    return zip_folder(write_set(tmp_path / "set", modes=modes))


@pytest.fixture(autouse=True)
def inline(settings):
    settings.ROSTER_IMPORT_INLINE = True


def upload(client, data, mode="import", district=None, name="roster.zip"):
    payload = {"file": SimpleUploadedFile(name, data, content_type="application/zip"), "mode": mode}
    if district is not None:
        payload["district"] = district.pk
    return client.post(reverse("roster:import"), payload)


def test_district_admin_sees_the_page(world, client_for):
    response = client_for(world.district_admin).get(reverse("roster:import"))
    assert response.status_code == 200
    assert b"Upload an export" in response.content


@pytest.mark.parametrize("persona", ["teacher", "leader_a1", "student", "guardian"])
def test_others_are_refused(world, client_for, persona):
    response = client_for(getattr(world, persona)).get(reverse("roster:import"))
    assert response.status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("roster:import"))
    assert response.status_code == 302


def test_teacher_cannot_upload_and_nothing_is_written(world, client_for, roster_zip):
    people = Person.objects.count()
    response = upload(client_for(world.teacher), roster_zip, district=world.school_a1.district)
    assert response.status_code == 403
    assert (Person.objects.count(), ImportRun.objects.count()) == (people, 0)


def test_upload_runs_the_import_and_shows_the_summary(world, client_for, roster_zip):
    client = client_for(world.district_admin)
    response = upload(client, roster_zip, district=world.school_a1.district)

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("roster:run", args=[run.pk])
    assert (run.status, run.started_by, run.district_id) == (
        "succeeded",
        world.district_admin,
        world.school_a1.district_id,
    )
    assert Person.objects.filter(sourced_id="u1", district=world.school_a1.district).exists()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"Import finished" in page.content
    assert b'<progress id="run-bar-%d" class="progress" max="100" value="100">' % run.pk in page.content


def test_dry_run_upload_writes_nothing(world, client_for, roster_zip):
    people = Person.objects.count()
    upload(client_for(world.district_admin), roster_zip, mode="dry_run")
    run = ImportRun.objects.get()
    assert (run.mode, run.status, run.counts["users"]["created"]) == ("dry_run", "succeeded", 6)
    assert Person.objects.count() == people


def test_non_zip_is_refused_by_content(world, client_for):
    response = upload(client_for(world.district_admin), b"sourcedId,name\n1,x\n", name="looks-like.zip")
    assert response.status_code == 400
    assert b"This is not a .zip file." in response.content
    assert ImportRun.objects.count() == 0


def test_too_large_is_refused(world, client_for, roster_zip, settings):
    settings.ROSTER_UPLOAD_MAX_BYTES = 100
    response = upload(client_for(world.district_admin), roster_zip)
    assert response.status_code == 400
    assert b"The file is too large" in response.content
    assert ImportRun.objects.count() == 0


def test_running_run_polls_and_htmx_gets_only_the_fragment(world, client_for):
    run = ImportRun.objects.create(
        district=world.school_a1.district,
        status="running",
        rows_total=200,
        rows_done=50,
        current_file="Checking users.csv",
    )
    client = client_for(world.district_admin)
    url = reverse("roster:run", args=[run.pk])

    full = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})

    assert b'<meta http-equiv="refresh" content="3">' in full.content
    assert b"<html" in full.content
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content
    assert f'hx-get="{url}" hx-trigger="every 1s"'.encode() in fragment.content
    assert b'value="25"' in fragment.content
    assert b"Checking users.csv: 50 of 200 done." in fragment.content


def test_other_district_admin_cannot_see_a_run(world, client_for):
    run = ImportRun.objects.create(district=world.school_a1.district, status="succeeded")
    assert client_for(world.outsider_admin).get(reverse("roster:run", args=[run.pk])).status_code == 404
    assert client_for(world.teacher).get(reverse("roster:run", args=[run.pk])).status_code == 404


def test_run_list_query_count_is_fixed(world, client_for, django_assert_max_num_queries):
    for _ in range(5):
        ImportRun.objects.create(district=world.school_a1.district, started_by=world.district_admin)
    client = client_for(world.district_admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("roster:import"))
    assert len(re.findall(rb'href="/roster/import/\d+/"', response.content)) == 5


# -- API -------------------------------------------------------------------------------------------------------


def test_api_upload_returns_202_with_the_run(world, client_for, roster_zip):
    client = client_for(world.district_admin)
    response = client.post(
        "/api/v1/roster/imports",
        {"file": SimpleUploadedFile("r.zip", roster_zip, content_type="application/zip"), "dry_run": "true"},
    )

    assert response.status_code == 202
    body = response.json()
    assert (body["mode"], body["status"], body["counts"]["users"]["created"]) == ("dry_run", "succeeded", 6)
    listed = client.get("/api/v1/roster/imports").json()
    assert [r["id"] for r in listed] == [body["id"]]
    assert client.get(f"/api/v1/roster/imports/{body['id']}").json()["writes"] == 0


def test_api_refuses_teachers_and_hides_other_districts_runs(world, client_for, roster_zip):
    run = ImportRun.objects.create(district=world.school_a1.district)
    teacher = client_for(world.teacher)
    response = teacher.post(
        "/api/v1/roster/imports", {"file": SimpleUploadedFile("r.zip", roster_zip, content_type="application/zip")}
    )
    assert response.status_code == 403
    assert ImportRun.objects.count() == 1
    outsider = client_for(world.outsider_admin)
    assert outsider.get("/api/v1/roster/imports").json() == []
    assert outsider.get(f"/api/v1/roster/imports/{run.pk}").status_code == 404


def test_api_refuses_non_zip(world, client_for):
    response = client_for(world.district_admin).post(
        "/api/v1/roster/imports", {"file": SimpleUploadedFile("r.zip", b"not a zip", content_type="application/zip")}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "This is not a .zip file. Upload the OneRoster export as one .zip of CSV files."


def test_without_inline_the_run_is_queued_and_started_after_commit(
    world, client_for, roster_zip, settings, django_capture_on_commit_callbacks
):
    settings.ROSTER_IMPORT_INLINE = False
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(client_for(world.district_admin), roster_zip)

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert (run.status, len(callbacks)) == ("queued", 1)
    assert not Person.objects.filter(sourced_id="u1").exists()


def test_refused_run_lists_every_problem(world, client_for, tmp_path):
    broken = write_set(
        tmp_path / "bad",
        {"enrollments": ["e1,,,k9,s1,u2,student,,,"]},
        modes=dict.fromkeys(("orgs", "academicSessions", "courses", "classes", "users", "enrollments"), "delta"),
    )
    upload(client_for(world.district_admin), zip_folder(broken))
    run = ImportRun.objects.get()
    page = client_for(world.district_admin).get(reverse("roster:run", args=[run.pk]))

    assert run.status == "failed"
    assert b"Refused: 1 error. Nothing was written." in page.content
    assert b"<code>enrollments.csv:2: classSourcedId: &quot;k9&quot; is not in classes.csv</code>" in page.content
    assert b"http-equiv" not in page.content  # finished: no more refreshing
