from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "pollinate.coaching"
    label = "coaching"
