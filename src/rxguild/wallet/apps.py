from django.apps import AppConfig


class WalletConfig(AppConfig):
    name = "rxguild.wallet"
    label = "wallet"
