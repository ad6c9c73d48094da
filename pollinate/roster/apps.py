from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "pollinate.roster"
    label = "roster"
