from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "pollinate.dashboards"
    label = "dashboards"
