from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "pollinate.teams"
    label = "teams"
    verbose_name = "Collegial teams"
