from django.urls import path

from pollinate.core import views

urlpatterns = [path("healthz", views.healthz, name="healthz")]
