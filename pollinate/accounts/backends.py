"""Username/password sign-in that refuses a username locked out after repeated failures."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class LockoutAwareBackend(ModelBackend):
    """The sign-in page checks the lockout first (to explain it); this catches every other caller of
    ``authenticate()`` so no path can try passwords against a locked username."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> Any:
        from pollinate.accounts.lockout import is_locked_out

        if username and is_locked_out(username):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
