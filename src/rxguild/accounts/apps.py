from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rxguild.accounts"
    label = "accounts"

    def ready(self) -> None:
        from rxguild.accounts.next_steps import accounts_next_steps
        from rxguild.core.next_steps import register

        register(accounts_next_steps)
