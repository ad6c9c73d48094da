from django.urls import path

from pollinate.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("badge/", views.badge, name="badge"),
    path("read-all/", views.mark_all_read, name="mark-all-read"),
    path("<int:notification_id>/read/", views.mark_read, name="mark-read"),
]
