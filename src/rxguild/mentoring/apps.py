from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "rxguild.mentoring"
    label = "mentoring"

    def ready(self) -> None:
        from rxguild.core.next_steps import register
        from rxguild.mentoring.next_steps import mentoring_next_steps

        register(mentoring_next_steps)

        from rxguild.core.home import register as register_home
        from rxguild.mentoring.home import SOURCE

        register_home(SOURCE)
