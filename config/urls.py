from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("pollinate.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("pollinate.dashboards.urls")),
    path("accounts/", include("pollinate.accounts.urls")),
    path("people/", include("pollinate.people.urls")),
    path("roster/", include("pollinate.roster.urls")),
    path("profile/", include("pollinate.learners.urls")),
    path("goals/", include("pollinate.goals.urls")),
    path("choice/", include("pollinate.choice.urls")),
    path("evidence/", include("pollinate.evidence.urls")),
    path("inquiries/", include("pollinate.inquiry.urls")),
    path("reflections/", include("pollinate.reflections.urls")),
    path("notifications/", include("pollinate.notifications.urls")),
    path("coaching/", include("pollinate.coaching.urls")),
    path("mastery/", include("pollinate.mastery.urls")),
    path("competencies/", include("pollinate.competencies.urls")),
    path("calendars/", include("pollinate.calendars.urls")),
    path("teams/", include("pollinate.teams.urls")),
    path("scheduling/", include("pollinate.scheduling.urls")),
    path("api/v1/", api.urls),
]

handler404 = "pollinate.core.errors_views.not_found"
handler403 = "pollinate.core.errors_views.forbidden"
handler500 = "pollinate.core.errors_views.server_error"
