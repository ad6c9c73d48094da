"""The reset form cannot be used to flood an inbox: a few emails per address and per sender each hour."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from pollinate.accounts.models import PasswordResetRequest
from pollinate.core.models import AuditEvent

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def _ask(client, email: str, ip: str = "203.0.113.7"):
    return client.post("/accounts/password-reset/", {"email": email}, REMOTE_ADDR=ip)


def test_an_address_gets_three_emails_an_hour_and_the_page_never_tells(world, client, settings):
    settings.PASSWORD_RESET_LIMIT = 3
    with time_machine.travel(NOW, tick=False) as clock:
        answers = [_ask(client, "Teacher@Example.org", ip=f"198.51.100.{n}") for n in range(5)]
        assert [a["Location"] for a in answers] == ["/accounts/password-reset/sent/"] * 5
        assert len(mail.outbox) == 3
        assert AuditEvent.objects.filter(verb="auth.password_reset_limited").count() == 2
        clock.shift(dt.timedelta(minutes=61))
        _ask(client, "teacher@example.org")
    assert len(mail.outbox) == 4
    # Only a hash of the address is kept, and only for the last hour.
    assert PasswordResetRequest.objects.count() == 1
    assert "example" not in PasswordResetRequest.objects.get().email_digest


def test_one_sender_cannot_spray_many_addresses(world, client, settings):
    settings.PASSWORD_RESET_IP_LIMIT = 2
    with time_machine.travel(NOW, tick=False):
        for email in ("teacher@example.org", "guardian@example.org", "student@example.org"):
            _ask(client, email, ip="192.0.2.1")
        assert [m.to for m in mail.outbox] == [["teacher@example.org"], ["guardian@example.org"]]
        _ask(client, "student@example.org", ip="192.0.2.99")
    assert mail.outbox[-1].to == ["student@example.org"]
