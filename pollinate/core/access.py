"""The one way a view, API handler or command fetches a record for a person.

Each domain app's ``policies.py`` says *who may do what*; this module applies those rules the same way
everywhere: a record outside ``visible_to(actor)`` is answered as not found (its existence may itself be
private), a visible record whose verb is denied is answered as forbidden.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from pollinate.core.errors import Forbidden, NotFound

M = TypeVar("M", bound=Model)


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise Forbidden(message or _("You do not have permission to do that."))


def get_object_for(
    actor: Any,
    visible: QuerySet[M],
    pk: Any,
    *,
    allowed: Callable[[Any, M], bool] | None = None,
) -> M:
    """Return the record with ``pk`` from ``visible`` (already filtered by policy) or raise.

    ``allowed`` is the verb check (e.g. ``can_update_section``) applied after visibility.
    """
    try:
        obj = visible.get(pk=pk)
    except (visible.model.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(_("Not found.")) from exc
    if allowed is not None and not allowed(actor, obj):
        raise Forbidden(_("You do not have permission to do that."))
    return obj
