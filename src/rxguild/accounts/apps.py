from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rxguild.accounts"
    label = "accounts"
