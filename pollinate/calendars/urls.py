from django.urls import path

from pollinate.calendars import views

app_name = "calendars"
urlpatterns = [
    path("", views.feed_settings, name="settings"),
    path("new/", views.feed_create, name="create"),
    path("<int:feed_id>/revoke/", views.feed_revoke, name="revoke"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
