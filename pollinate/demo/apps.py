from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "pollinate.demo"
    label = "demo"
