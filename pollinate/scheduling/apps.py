from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "pollinate.scheduling"
    label = "scheduling"
