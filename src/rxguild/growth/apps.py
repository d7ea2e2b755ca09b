from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "rxguild.growth"
    label = "growth"

    def ready(self) -> None:
        from rxguild.core.next_steps import register
        from rxguild.growth.next_steps import growth_next_steps

        register(growth_next_steps)

        from rxguild.core.home import register as register_home
        from rxguild.growth.home import SOURCE

        register_home(SOURCE)
