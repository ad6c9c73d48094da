from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "pollinate.people"
    label = "people"
