from django.apps import AppConfig


class CeConfig(AppConfig):
    name = "rxguild.ce"
    label = "ce"
    verbose_name = "CE"

    def ready(self) -> None:
        from rxguild.ce.next_steps import ce_next_steps
        from rxguild.core.next_steps import register

        register(ce_next_steps)

        from rxguild.ce.home import SOURCE
        from rxguild.core.home import register as register_home

        register_home(SOURCE)
