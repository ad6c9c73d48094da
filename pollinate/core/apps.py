from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pollinate.core"
    label = "core"
    verbose_name = "Core"
