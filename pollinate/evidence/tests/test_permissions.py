"""Who can open a piece of evidence, for every audience level and every persona, by every door:
the page, the file URL, the thumbnail URL and the API. Every expected status is written out by hand."""

from __future__ import annotations

import pytest

from pollinate.evidence.tests.helpers import make_photo

LEVELS = ["only_me", "guides", "family", "class", "school", "public"]

# persona: statuses for a piece shared with   only_me, guides, family, class, school, public
EXPECTED = {
    "student":          (200, 200, 200, 200, 200, 200),  # the learner
    "teacher":          (404, 200, 200, 200, 200, 200),  # teaches the learner's class
    "mentor":           (404, 200, 200, 200, 200, 200),  # mentors the learner
    "guardian":         (404, 404, 200, 200, 200, 200),  # the learner's family
    "classmate":        (404, 404, 404, 200, 200, 200),  # shares the class
    "other_student":    (404, 404, 404, 404, 200, 200),  # same school, other class
    "other_teacher":    (404, 404, 404, 404, 200, 200),  # same school, does not teach the learner
    "coach":            (404, 404, 404, 404, 200, 200),  # works at the school, coaches the teacher only
    "leader_a1":        (404, 404, 404, 404, 200, 200),  # leads the school: oversight opens nothing private
    "leader_a2":        (404, 404, 404, 404, 404, 200),  # leads another school
    "lead_coach":       (404, 404, 404, 404, 404, 200),  # no school, not the learner's guide
    "district_admin":   (404, 404, 404, 404, 404, 200),  # administers the district: still not private work
    "other_guardian":   (404, 404, 404, 404, 404, 200),  # someone else's family
    "outsider_admin":   (404, 404, 404, 404, 404, 200),  # another district
    "outsider_teacher": (404, 404, 404, 404, 404, 200),
    "outsider_student": (404, 404, 404, 404, 404, 200),
}
ANONYMOUS_PAGES = (302, 302, 302, 302, 302, 302)  # sent to sign in; the showcase is the public door
ANONYMOUS_API = (401, 401, 401, 401, 401, 401)
ANONYMOUS_SHOWCASE = (404, 404, 404, 404, 404, 200)

DOORS = {
    "page": "/evidence/{id}/",
    "file": "/evidence/{id}/file",
    "thumbnail": "/evidence/{id}/thumbnail",
    "api": "/api/v1/evidence/{id}",
    "api_file": "/api/v1/evidence/{id}/file",
    "api_thumbnail": "/api/v1/evidence/{id}/thumbnail",
}


@pytest.fixture
def pieces(world):
    return [make_photo(world.student, audience=level, in_portfolio=True) for level in LEVELS]


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize("persona", list(EXPECTED))
def test_signed_in_persona_sees_exactly_the_audiences_that_include_them(world, pieces, client_for, persona, door):
    client = client_for(getattr(world, persona))
    statuses = tuple(client.get(DOORS[door].format(id=piece.pk)).status_code for piece in pieces)
    assert statuses == EXPECTED[persona]


@pytest.mark.parametrize("door", list(DOORS))
def test_anonymous_is_sent_to_sign_in_or_refused(world, pieces, client, door):
    statuses = tuple(client.get(DOORS[door].format(id=piece.pk)).status_code for piece in pieces)
    assert statuses == (ANONYMOUS_API if door.startswith("api") else ANONYMOUS_PAGES)


@pytest.mark.parametrize("door", ["/evidence/showcase/piece/{id}/", "/evidence/showcase/piece/{id}/file",
                                  "/evidence/showcase/piece/{id}/thumbnail"])
def test_anonymous_opens_only_public_pieces_through_the_showcase(world, pieces, client, door):
    statuses = tuple(client.get(door.format(id=piece.pk)).status_code for piece in pieces)
    assert statuses == ANONYMOUS_SHOWCASE


@pytest.mark.parametrize("persona", ["student", "teacher", "guardian", "outsider_student"])
def test_signed_in_showcase_shows_only_public_pieces_too(world, pieces, client_for, persona):
    client = client_for(getattr(world, persona))
    statuses = tuple(client.get(f"/evidence/showcase/piece/{piece.pk}/").status_code for piece in pieces)
    assert statuses == ANONYMOUS_SHOWCASE


# Portfolio page: which curated pieces each persona finds there (titles by level).
PORTFOLIO = {
    "student": (200, LEVELS),
    "teacher": (200, LEVELS[1:]),
    "guardian": (200, LEVELS[2:]),
    "classmate": (200, LEVELS[3:]),
    "leader_a1": (200, LEVELS[4:]),
    "district_admin": (200, LEVELS[5:]),
    "outsider_student": (200, LEVELS[5:]),
}


@pytest.mark.parametrize("persona", list(PORTFOLIO))
def test_portfolio_lists_the_curated_pieces_the_viewer_may_see(world, client_for, persona):
    for level in LEVELS:
        make_photo(world.student, audience=level, title=f"piece-{level}", in_portfolio=True)
    make_photo(world.student, audience="public", title="not-curated", in_portfolio=False)
    response = client_for(getattr(world, persona)).get(f"/evidence/portfolio/{world.student.pk}/")
    status, levels = PORTFOLIO[persona]
    assert response.status_code == status
    shown = [level for level in LEVELS if f"piece-{level}" in response.content.decode()]
    assert shown == levels
    assert "not-curated" not in response.content.decode()


def test_portfolio_of_someone_with_nothing_visible_is_not_found_for_strangers(world, client_for):
    make_photo(world.student, audience="guides", in_portfolio=True)
    response = client_for(world.outsider_student).get(f"/evidence/portfolio/{world.student.pk}/")
    assert response.status_code == 404


def test_public_showcase_works_signed_out_and_hides_private_pieces(world, client):
    make_photo(world.student, audience="public", title="Seed diagram", in_portfolio=True)
    make_photo(world.student, audience="school", title="School only", in_portfolio=True)
    response = client.get(f"/evidence/showcase/{world.student.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Seed diagram" in body
    assert "School only" not in body
    assert world.student.family_name not in body  # first name only on a public page


def test_guessed_ids_of_missing_evidence_are_not_found(world, client_for):
    client = client_for(world.teacher)
    assert client.get("/evidence/999999/").status_code == 404
    assert client.get("/evidence/999999/file").status_code == 404
    assert client.get("/api/v1/evidence/999999").status_code == 404
