from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "pollinate.goals"
    label = "goals"
