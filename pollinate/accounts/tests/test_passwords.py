from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail

from pollinate.accounts.models import LoginFailure
from pollinate.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "pollen drifts over the meadow"


def request_reset(client, email: str):
    return client.post("/accounts/password-reset/", {"email": email})


def link_in(message) -> str:
    match = re.search(r"https?://testserver(/accounts/password-reset/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def choose_password(client, link: str, password: str = NEW_PASSWORD):
    # The emailed link redirects once to a token-free URL (so the token does not leak in Referer headers).
    form_url = client.get(link)["Location"]
    return form_url, client.post(form_url, {"new_password1": password, "new_password2": password})


def test_reset_by_email_end_to_end(world, client, sign_in):
    response = request_reset(client, "teacher@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["teacher@example.org"]
    assert message.subject == "Choose a new Pollinate password"
    assert "Your username is: teacher" in message.body

    form_url, response = choose_password(client, link_in(message))
    assert form_url.endswith("/set-password/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/done/"
    world.teacher.refresh_from_db()
    assert world.teacher.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(verb="auth.password_reset", actor=world.teacher).count() == 1

    assert sign_in("teacher", NEW_PASSWORD).status_code == 302


def test_reset_link_works_only_once(world, client):
    request_reset(client, "teacher@example.org")
    link = link_in(mail.outbox[0])
    choose_password(client, link)
    response = client.get(link)
    assert response.status_code == 200
    assert response.context["validlink"] is False
    assert "This link no longer works" in response.content.decode()


def test_unknown_email_sees_the_same_page_and_nothing_is_sent(world, client):
    known = request_reset(client, "teacher@example.org")
    unknown = request_reset(client, "nobody@example.org")
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert [m.to for m in mail.outbox] == [["teacher@example.org"]]
    assert "Check your email" in client.get(unknown["Location"]).content.decode()


def test_inactive_person_gets_no_reset_email(world, client):
    world.teacher.is_active = False
    world.teacher.save(update_fields=["is_active"])
    assert request_reset(client, "teacher@example.org")["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_rostered_person_without_a_password_can_choose_one(world, client, sign_in):
    world.student.set_unusable_password()
    world.student.save(update_fields=["password"])
    request_reset(client, "STUDENT@example.org")
    assert [m.to for m in mail.outbox] == [["student@example.org"]]
    choose_password(client, link_in(mail.outbox[0]))
    assert sign_in("student", NEW_PASSWORD).status_code == 302


def test_reset_clears_the_lockout(world, client, sign_in):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in("Teacher", "wrong password")
    assert "Too many failed attempts" in sign_in("teacher", NEW_PASSWORD).content.decode()

    request_reset(client, "teacher@example.org")
    choose_password(client, link_in(mail.outbox[0]))
    assert LoginFailure.objects.count() == 0
    assert sign_in("teacher", NEW_PASSWORD).status_code == 302


def test_weak_password_is_refused_and_nothing_changes(world, client):
    request_reset(client, "teacher@example.org")
    _, response = choose_password(client, link_in(mail.outbox[0]), "short")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    world.teacher.refresh_from_db()
    assert world.teacher.check_password("correct horse battery")
    assert not AuditEvent.objects.filter(verb="auth.password_reset").exists()


def test_email_follows_the_persons_preferred_language(world, client):
    world.guardian.preferred_language = "es"
    world.guardian.save(update_fields=["preferred_language"])
    request_reset(client, "guardian@example.org")
    message = mail.outbox[0]
    assert message.subject == "Elija una nueva contraseña de Pollinate"
    assert "Su nombre de usuario es: guardian" in message.body


def test_change_password_page(world, client_for, sign_in):
    client = client_for(world.teacher)
    page = client.get("/accounts/password/")
    assert page.status_code == 200
    assert 'autocomplete="current-password"' in page.content.decode()

    response = client.post(
        "/accounts/password/",
        {"old_password": "correct horse battery", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    # Changing the password keeps this session signed in.
    assert client.session["_auth_user_id"] == str(world.teacher.pk)
    world.teacher.refresh_from_db()
    assert world.teacher.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(verb="auth.password_change", actor=world.teacher).count() == 1


def test_change_password_needs_the_current_one(world, client_for):
    client = client_for(world.teacher)
    response = client.post(
        "/accounts/password/",
        {"old_password": "a guess", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    world.teacher.refresh_from_db()
    assert world.teacher.check_password("correct horse battery")
    assert not AuditEvent.objects.filter(verb="auth.password_change").exists()


def test_change_password_requires_sign_in(world, client):
    response = client.get("/accounts/password/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password/"
