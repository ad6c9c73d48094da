"""Rules about the whole code base that no single app's tests would notice being broken."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
LOGIN_URL = "/accounts/login/"
API_PREFIX = "/api/v1/"

# URL names anyone may open without signing in. Adding to this list is a security decision: say why.
PUBLIC_URLS = {
    "healthz": "monitors and load balancers probe it; it returns no data",
    "accounts:login": "the way in",
    "accounts:logout": "signing out needs no sign-in (POST only)",
    "api:openapi-json": "the API's description holds no records; integrators read it before they have a token",
    "api:openapi-view": "the interactive docs page for the same description",
    "api:api-root": "ninja's bare /api/v1/ (answers 404 unless DEBUG; never data)",
    "set_language": "the language picker: stores a cookie, reads and returns no data",
    "evidence:showcase": "a learner's public showcase: only pieces they shared publicly (404 otherwise)",
    "evidence:showcase-piece": "one publicly shared piece; anything not public answers 404",
    "evidence:showcase-file": "the file of a publicly shared piece, same rule",
    "evidence:showcase-thumbnail": "its thumbnail, same rule",
    "calendars:feed": "calendar apps cannot sign in: the secret token in the address is the credential (only its "
    "hash is stored); unknown or revoked tokens answer 404; the feed holds titles, times and schools only",
}
# Password reset pages are for people who cannot sign in.
PUBLIC_NAME_PATTERN = re.compile(r"^accounts:password[-_]reset")
SAMPLE_ARGS = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000001", "path": "x"}


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield "/" + prefix + str(pattern.pattern), f"{namespace}{pattern.name}" if pattern.name else ""


def _concrete(route: str) -> str:
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_ARGS.get(m.group(1) or "str", "1"), route)


def _is_public(name: str) -> bool:
    return name in PUBLIC_URLS or bool(PUBLIC_NAME_PATTERN.match(name))


ROUTES = sorted(set(_walk(get_resolver().url_patterns)))


def test_every_url_has_a_name_so_the_allowlist_can_refer_to_it():
    assert [route for route, name in ROUTES if not name] == []


def test_allowlist_names_exist():
    names = {name for _route, name in ROUTES}
    assert set(PUBLIC_URLS) <= names


@pytest.mark.parametrize(("route", "name"), [r for r in ROUTES if not _is_public(r[1])], ids=lambda v: v)
def test_url_requires_sign_in(client, route, name):
    url = _concrete(route)
    if url.startswith(API_PREFIX):
        statuses = {
            method: getattr(client, method)(url).status_code for method in ("get", "post", "put", "patch", "delete")
        }
        # Each method the endpoint serves must refuse an anonymous caller; the others are 405.
        assert set(statuses.values()) <= {401, 405}, statuses
        assert 401 in statuses.values(), statuses
    else:
        response = client.get(url)
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"].startswith(f"{LOGIN_URL}?next="), response["Location"]


@pytest.mark.parametrize(("route", "name"), [r for r in ROUTES if _is_public(r[1])], ids=lambda v: v)
def test_public_url_answers_without_sign_in(client, route, name):
    response = client.get(_concrete(route))
    if name == "accounts:logout":
        assert response.status_code == 405  # signing out is a POST; a GET changes nothing
    elif name == "api:api-root":
        assert response.status_code == 404
    elif name.startswith("evidence:showcase"):
        assert response.status_code == 404  # an empty database has no public piece
    elif name == "calendars:feed":
        assert response.status_code == 404  # no feed has this token
    else:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert not response["Location"].startswith(LOGIN_URL)


def test_static_files_are_served_without_sign_in(client):
    response = client.get("/static/css/pollinate.css")
    assert response.status_code == 200


def _app_files(filename: str) -> list[Path]:
    return sorted((ROOT / "pollinate").glob(f"**/{filename}"))


@pytest.mark.parametrize("filename", ["views.py", "api.py"])
def test_views_and_api_handlers_do_not_query_models_directly(filename):
    files = _app_files(filename)
    assert files, f"no {filename} found under pollinate/"
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in files
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ".objects." in line
    ]
    assert offenders == [], "views and API handlers call queries/services, never Model.objects"


def test_roles_are_interpreted_only_by_the_scope_resolver():
    pattern = re.compile(r"\bRole\.[A-Z_]+\b")
    allowed = {ROOT / "pollinate/people/roles.py", ROOT / "pollinate/people/models.py"}
    offenders = [
        str(path.relative_to(ROOT))
        for name in ("views.py", "api.py")
        for path in _app_files(name)
        if path not in allowed and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_notifications_are_translated_for_their_recipient_not_the_actor():
    """A message translated with gettext before notify() is in the actor's language; it must stay lazy."""
    eager = re.compile(r"message\s*=\s*_\(|message\s*=\s*gettext\(")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "pollinate").glob("**/*.py"))
        if "/tests/" not in str(path) and "notify(" in (text := path.read_text())
        for number, line in enumerate(text.splitlines(), start=1)
        if eager.search(line)
    ]
    assert offenders == [], "pass notify() a gettext_lazy message and its params"


def test_translated_strings_are_marked_with_names_makemessages_extracts():
    """makemessages finds ``_``, ``gettext``, ``gettext_lazy``, ``ngettext``, ``gettext_noop``... by name: a string
    marked through any other alias (``gettext_lazy as _lazy``) never reaches the catalog and stays English."""
    alias = re.compile(r"from django\.utils\.translation import .*\b(?:n?p?gettext(?:_lazy|_noop)?) as (?!_\b)(\w+)")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "pollinate").glob("**/*.py"))
        if "/tests/" not in str(path)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if alias.search(line)
    ]
    assert offenders == [], "import the function under its own name or as _"
