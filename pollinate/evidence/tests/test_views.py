"""Capturing evidence through the pages, without JavaScript, and the learner's controls."""

from __future__ import annotations

from pollinate.evidence.models import Evidence
from pollinate.evidence.tests.helpers import make_writing, png_bytes, upload
from pollinate.reflections.models import Feedback, Reflection


def test_every_mode_has_a_form_that_works_without_javascript(world, client_for):
    client = client_for(world.student)
    for mode in ["writing", "drawing", "audio", "video", "photo", "file", "link"]:
        response = client.get(f"/evidence/add/?mode={mode}")
        assert response.status_code == 200
        body = response.content.decode()
        assert f'name="kind" value="{mode}"' in body
        if mode not in ("writing", "link"):
            assert 'type="file"' in body


def test_audience_options_hide_public_for_an_unknown_age(world, client_for):
    world.student.birth_date = None
    world.student.save()
    body = client_for(world.student).get("/evidence/add/?mode=writing").content.decode()
    assert 'value="school"' in body
    assert 'value="public"' not in body


def test_writing_through_the_page(world, client_for):
    response = client_for(world.student).post(
        "/evidence/add/", {"kind": "writing", "title": "My story", "body": "Once\n\nupon", "audience": "family"}
    )
    piece = Evidence.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/evidence/{piece.pk}/"
    assert (piece.body, piece.audience, piece.learner) == ("<p>Once</p><p>upon</p>", "family", world.student)


def test_photo_through_the_page(world, client_for):
    client_for(world.student).post(
        "/evidence/add/?mode=photo",
        {"kind": "photo", "title": "Leaf", "audience": "guides", "in_portfolio": "on",
         "file": upload("leaf.png", png_bytes(10, 10), "image/png")},
    )
    piece = Evidence.objects.get()
    assert (piece.kind, piece.content_type, piece.in_portfolio, bool(piece.thumbnail)) == (
        "photo", "image/png", True, True)


def test_learner_toggles_portfolio_with_htmx(world, client_for):
    piece = make_writing(world.student)
    response = client_for(world.student).post(f"/evidence/{piece.pk}/portfolio/", {"in_portfolio": "on"},
                                               HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Take it out of my portfolio" in response.content.decode()
    piece.refresh_from_db()
    assert piece.in_portfolio is True


def test_guide_cannot_toggle_or_edit(world, client_for):
    piece = make_writing(world.student)
    client = client_for(world.teacher)
    assert client.post(f"/evidence/{piece.pk}/portfolio/", {"in_portfolio": "on"}).status_code == 403
    assert client.get(f"/evidence/{piece.pk}/edit/").status_code == 403
    assert client.post(f"/evidence/{piece.pk}/delete/").status_code == 403
    piece.refresh_from_db()
    assert (piece.in_portfolio, Evidence.objects.count()) == (False, 1)


def test_evidence_page_shows_feedback_and_only_shared_reflections_to_a_guide(world, client_for):
    piece = make_writing(world.student, title="Volcano")
    Feedback.objects.create(district=piece.district, author=world.teacher, evidence=piece, body="<p>Great model</p>")
    Reflection.objects.create(district=piece.district, learner=world.student, evidence=piece, body="<p>Shared one</p>")
    Reflection.objects.create(district=piece.district, learner=world.student, evidence=piece,
                              body="<p>Private one</p>", shared_with_guides=False)
    teacher_page = client_for(world.teacher).get(f"/evidence/{piece.pk}/").content.decode()
    assert "Great model" in teacher_page
    assert "Shared one" in teacher_page
    assert "Private one" not in teacher_page
    family_page = client_for(world.guardian)
    piece.audience = "family"
    piece.save()
    body = family_page.get(f"/evidence/{piece.pk}/").content.decode()
    assert "Shared one" not in body
    own = client_for(world.student).get(f"/evidence/{piece.pk}/").content.decode()
    assert "Private one" in own


def test_guardian_portfolio_index_lists_their_child(world, client_for):
    response = client_for(world.guardian).get("/evidence/portfolio/")
    assert response.status_code == 200
    assert f"/evidence/portfolio/{world.student.pk}/" in response.content.decode()


def test_learner_portfolio_index_goes_straight_to_their_portfolio(world, client_for):
    response = client_for(world.student).get("/evidence/portfolio/")
    assert response["Location"] == f"/evidence/portfolio/{world.student.pk}/"


def test_edit_changes_audience(world, client_for):
    piece = make_writing(world.student)
    response = client_for(world.student).post(
        f"/evidence/{piece.pk}/edit/", {"title": "New", "body": "Text", "audience": "class"})
    assert response.status_code == 302
    piece.refresh_from_db()
    assert (piece.title, piece.audience) == ("New", "class")
