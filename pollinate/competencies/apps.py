from django.apps import AppConfig


class CompetenciesConfig(AppConfig):
    name = "pollinate.competencies"
    label = "competencies"
