"""Domain errors. Services raise these; the middleware and the API map them to HTTP answers."""

from __future__ import annotations


class ApplicationError(Exception):
    """A request that cannot be carried out; the message is safe to show to the person who asked."""

    status = 400

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class NotFound(ApplicationError):
    """The record does not exist *for this person*: used when its very existence is private."""

    status = 404


class Forbidden(ApplicationError):
    """The person may see the record but may not do this to it."""

    status = 403


class Conflict(ApplicationError):
    status = 409
