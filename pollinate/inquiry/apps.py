from django.apps import AppConfig


class InquiryConfig(AppConfig):
    name = "pollinate.inquiry"
    label = "inquiry"
