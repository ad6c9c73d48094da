"""Personal access tokens over the API, and the token authentication every API call may use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from pollinate.accounts import queries, services
from pollinate.accounts.schemas import ErrorOut, TokenCreatedOut, TokenIn, TokenOut

router = Router(tags=["tokens"])


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        person = services.api_token_authenticate(raw=token)
        if person is None:
            # A bearer token was presented and is no good (unknown, revoked, expired, owner deactivated): answer
            # 401 now. Falling through to session auth would turn unsafe methods into a confusing CSRF 403.
            raise AuthenticationError
        request.user = person
        return person


@router.get("", response=list[TokenOut], operation_id="tokens_list")
def list_tokens(request: HttpRequest) -> Any:
    return queries.api_token_list(viewer=request.user)


@router.post("", response={201: TokenCreatedOut, 400: ErrorOut}, operation_id="tokens_create")
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    token, raw = services.api_token_create(actor=request.user, name=payload.name, days=payload.expires_in_days)
    return 201, {"id": token.pk, "name": token.name, "prefix": token.prefix, "token": raw,
                 "created_at": token.created_at, "expires_at": token.expires_at}


@router.delete("/{token_id}", response={204: None, 404: ErrorOut}, operation_id="tokens_revoke")
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    services.api_token_revoke(actor=request.user, token_id=token_id)
    return 204, None
