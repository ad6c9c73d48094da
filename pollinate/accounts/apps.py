from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pollinate.accounts"
    label = "accounts"
