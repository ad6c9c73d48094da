"""The JSON API under /api/v1/: one NinjaAPI, token or session authentication, one error format."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import SessionAuth

from pollinate.accounts.api import ApiTokenAuth
from pollinate.accounts.api import router as accounts_router
from pollinate.choice.api import router as choice_router
from pollinate.coaching.api import router as coaching_router
from pollinate.competencies.api import router as competencies_router
from pollinate.core.errors import ApplicationError
from pollinate.evidence.api import router as evidence_router
from pollinate.goals.api import router as goals_router
from pollinate.goals.api import system_router as system_goals_router
from pollinate.inquiry.api import router as inquiry_router
from pollinate.learners.api import router as learners_router
from pollinate.mastery.api import router as mastery_router
from pollinate.notifications.api import router as notifications_router
from pollinate.people.api import router as people_router
from pollinate.reflections.api import router as reflections_router
from pollinate.roster.api import router as roster_router
from pollinate.scheduling.api import router as scheduling_router
from pollinate.teams.api import router as teams_router

api = NinjaAPI(
    title="Pollinate API",
    version="1",
    description=(
        "Personalized learning for school districts. Authenticate with a personal access token "
        "(`Authorization: Bearer <token>`) created on the API tokens page. Every answer is limited to what "
        "the token's owner may see; records outside that answer 404."
    ),
    auth=[ApiTokenAuth(), SessionAuth()],
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "errors": exc.details}, status=exc.status)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": "Authentication required.", "errors": []}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [f"{'.'.join(str(p) for p in e.get('loc', []))}: {e.get('msg', '')}" for e in exc.errors]
    return api.create_response(request, {"detail": "Invalid request.", "errors": errors}, status=422)


api.add_router("/", people_router)
api.add_router("/goals", goals_router)
api.add_router("/system-goals", system_goals_router)
api.add_router("/competencies", competencies_router)
api.add_router("/coaching", coaching_router)
api.add_router("/evidence", evidence_router)
api.add_router("/reflections", reflections_router)
api.add_router("/inquiries", inquiry_router)
api.add_router("/learners", learners_router)
api.add_router("/choice", choice_router)
api.add_router("/notifications", notifications_router)
api.add_router("/mastery", mastery_router)
api.add_router("/roster", roster_router)
api.add_router("/tokens", accounts_router)
api.add_router("/teams", teams_router)
api.add_router("/schedules", scheduling_router)
