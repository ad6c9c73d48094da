from django.urls import path

from pollinate.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("queue/", views.queue, name="queue"),
]
