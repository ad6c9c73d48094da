from django.urls import path

from pollinate.scheduling import views

app_name = "scheduling"
urlpatterns = [
    path("", views.week_page, name="week"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("slots/<int:check_in_id>/<str:action>/", views.slot_action, name="slot-action"),
    path("free-periods/", views.free_periods, name="free-periods"),
    path("coaches/<int:coach_id>/", views.coach_profile, name="coach-profile"),
    path("travel/", views.travel_times, name="travel"),
    path("settings/", views.scheduling_settings, name="settings"),
    path("schools/<int:school_id>/bells/", views.bell_schedule, name="bells"),
]
