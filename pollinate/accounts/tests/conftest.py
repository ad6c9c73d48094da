from __future__ import annotations

import pytest

PASSWORD = "correct horse battery"


@pytest.fixture
def sign_in(client):
    """POST the sign-in form as a browser would."""

    def _post(username: str, password: str = PASSWORD, **extra):
        return client.post("/accounts/login/", {"username": username, "password": password, **extra})

    return _post
