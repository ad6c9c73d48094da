from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "pollinate.notifications"
    label = "notifications"
