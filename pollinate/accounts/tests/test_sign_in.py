from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from pollinate.accounts.models import LoginFailure
from pollinate.core.models import AuditEvent

pytestmark = pytest.mark.django_db

BAD_CREDENTIALS = "That username and password do not match. Both are case-sensitive."


def lockout_text(minutes: int) -> str:
    return f"Too many failed attempts; try again in {minutes} minutes or reset your password."


def fail_until_locked(sign_in, username: str) -> None:
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in(username, "wrong password")


def signed_in_as(client) -> int | None:
    uid = client.session.get("_auth_user_id")
    return int(uid) if uid else None


def test_right_password_signs_in_and_lands_on_home(world, client, sign_in):
    response = sign_in("teacher")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_as(client) == world.teacher.pk


def test_next_is_honoured_for_local_paths_only(world, client, sign_in):
    assert sign_in("teacher", next="/accounts/tokens/")["Location"] == "/accounts/tokens/"
    client.logout()
    assert sign_in("teacher", next="https://evil.example/")["Location"] == "/"


def test_wrong_password_is_refused_with_a_generic_message(world, client, sign_in):
    response = sign_in("teacher", "wrong password")
    assert response.status_code == 200
    assert signed_in_as(client) is None
    assert response.context["form"].non_field_errors() == [BAD_CREDENTIALS]
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["teacher"]


def test_unknown_username_gets_exactly_the_same_answers(world, sign_in):
    # Nothing on the page may tell an existing username from an invented one, before or during lockout.
    known = [sign_in("teacher", "wrong password").context["form"].non_field_errors() for _ in range(6)]
    unknown = [sign_in("nobody-here", "wrong password").context["form"].non_field_errors() for _ in range(6)]
    assert known == unknown
    assert known[0] == [BAD_CREDENTIALS]
    assert known[4] == [lockout_text(15)]
    assert known[5] == [lockout_text(15)]


def test_lockout_refuses_even_the_right_password_until_the_window_passes(world, client, sign_in):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        fail_until_locked(sign_in, "teacher")
        response = sign_in("teacher")
        assert signed_in_as(client) is None
        assert response.context["form"].non_field_errors() == [lockout_text(15)]

        clock.shift(timedelta(minutes=10, seconds=30))
        response = sign_in("teacher")
        assert signed_in_as(client) is None
        assert response.context["form"].non_field_errors() == [lockout_text(5)]

        clock.shift(timedelta(minutes=4, seconds=31))
        assert sign_in("teacher").status_code == 302
        assert signed_in_as(client) == world.teacher.pk


def test_attempts_while_locked_out_do_not_extend_the_lockout(world, sign_in):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        fail_until_locked(sign_in, "teacher")
        clock.shift(timedelta(minutes=14))
        sign_in("teacher", "still wrong")
        assert LoginFailure.objects.count() == settings.LOGIN_FAILURE_LIMIT
        clock.shift(timedelta(minutes=1, seconds=1))
        assert sign_in("teacher").status_code == 302


def test_failures_outside_the_window_do_not_count(world, client, sign_in):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
            sign_in("teacher", "wrong password")
        clock.shift(timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES, seconds=1))
        response = sign_in("teacher", "wrong password")
        assert response.context["form"].non_field_errors() == [BAD_CREDENTIALS]
        # The stale failures were pruned when the new one was recorded.
        assert LoginFailure.objects.count() == 1
        assert sign_in("teacher").status_code == 302


def test_lockout_is_per_username_and_ignores_case(world, client, sign_in):
    for variant in ["Teacher", "TEACHER", "teacher", "tEacher", " teacher"]:
        sign_in(variant, "wrong password")
    assert sign_in("teacher").context["form"].non_field_errors() == [lockout_text(15)]
    assert sign_in("student").status_code == 302
    assert signed_in_as(client) == world.student.pk


def test_success_clears_earlier_failures(world, client, sign_in):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        sign_in("teacher", "wrong password")
    assert sign_in("teacher").status_code == 302
    assert LoginFailure.objects.count() == 0
    client.logout()
    assert sign_in("teacher", "wrong password").context["form"].non_field_errors() == [BAD_CREDENTIALS]


def test_inactive_person_cannot_sign_in_and_learns_nothing(world, client, sign_in):
    world.teacher.is_active = False
    world.teacher.save(update_fields=["is_active"])
    response = sign_in("teacher")
    assert signed_in_as(client) is None
    assert response.context["form"].non_field_errors() == [BAD_CREDENTIALS]


def test_deactivated_person_is_signed_out_of_an_existing_session(world, client, sign_in):
    sign_in("teacher")
    world.teacher.is_active = False
    world.teacher.save(update_fields=["is_active"])
    response = client.get("/accounts/tokens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_sign_in_and_failures_are_audited(world, sign_in):
    sign_in("nobody-here", "wrong password")
    sign_in("teacher")
    failed, login = AuditEvent.objects.order_by("id")
    assert (failed.verb, failed.actor_id, failed.data) == (
        "auth.login_failed", None, {"username": "nobody-here", "reason": "bad_credentials"}
    )
    assert (login.verb, login.actor_id, login.object_id, login.district_id) == (
        "auth.login", world.teacher.pk, str(world.teacher.pk), world.teacher.district_id
    )


def test_attempts_while_locked_out_are_audited_as_such(world, sign_in):
    fail_until_locked(sign_in, "teacher")
    sign_in("teacher")
    last = AuditEvent.objects.order_by("-id").first()
    assert (last.verb, last.actor_id, last.data) == (
        "auth.login_failed", None, {"username": "teacher", "reason": "locked_out"}
    )


def test_sign_in_page_is_accessible(world, client, sign_in):
    page = client.get("/accounts/login/").content.decode()
    assert 'autocomplete="username"' in page
    assert 'autocomplete="current-password"' in page
    assert '<label for="id_username">' in page
    assert '<label for="id_password">' in page
    assert 'href="/accounts/password-reset/"' in page
    assert 'role="alert"' not in page

    page = sign_in("teacher", "wrong password").content.decode()
    assert 'role="alert"' in page
    assert BAD_CREDENTIALS in page


def test_missing_password_is_a_field_error_and_not_a_failure(world, sign_in):
    response = sign_in("teacher", "")
    assert response.status_code == 200
    assert response.context["form"].errors == {"password": ["This field is required."]}
    assert 'href="#id_password"' in response.content.decode()
    assert LoginFailure.objects.count() == 0


def test_signed_in_person_visiting_sign_in_goes_home(world, client_for):
    client = client_for(world.teacher)
    response = client.get("/accounts/login/")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_logout_requires_post(world, client_for):
    client = client_for(world.teacher)
    assert client.get("/accounts/logout/").status_code == 405
    assert signed_in_as(client) == world.teacher.pk
    assert not AuditEvent.objects.filter(verb="auth.logout").exists()

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert signed_in_as(client) is None
    event = AuditEvent.objects.get(verb="auth.logout")
    assert event.actor_id == world.teacher.pk


def test_logout_needs_the_csrf_token(world, client):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.teacher)
    assert browser.post("/accounts/logout/").status_code == 403
    assert signed_in_as(browser) == world.teacher.pk


def test_sign_in_speaks_spanish(world, client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Iniciar sesión en Pollinate" in page
    assert "¿Olvidó su contraseña o nunca creó una?" in page
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        response = client.post(
            "/accounts/login/", {"username": "teacher", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="es"
        )
    assert response.context["form"].non_field_errors() == [
        "Demasiados intentos fallidos; vuelva a intentarlo en 15 minutos o restablezca su contraseña."
    ]
