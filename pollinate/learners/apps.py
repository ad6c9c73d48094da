from django.apps import AppConfig


class LearnersConfig(AppConfig):
    name = "pollinate.learners"
    label = "learners"
