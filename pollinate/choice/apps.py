from django.apps import AppConfig


class ChoiceConfig(AppConfig):
    name = "pollinate.choice"
    label = "choice"
