from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("pollinate.core.urls")),
    path("", include("pollinate.dashboards.urls")),
    path("accounts/", include("pollinate.accounts.urls")),
    path("people/", include("pollinate.people.urls")),
    path("roster/", include("pollinate.roster.urls")),
    path("api/v1/", api.urls),
]

handler404 = "pollinate.core.errors_views.not_found"
handler403 = "pollinate.core.errors_views.forbidden"
handler500 = "pollinate.core.errors_views.server_error"
