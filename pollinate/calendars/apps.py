from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "pollinate.calendars"
    label = "calendars"
