from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "pollinate.evidence"
    label = "evidence"
