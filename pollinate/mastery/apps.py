from django.apps import AppConfig


class MasteryConfig(AppConfig):
    name = "pollinate.mastery"
    label = "mastery"
