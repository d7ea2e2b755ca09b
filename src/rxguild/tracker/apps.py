from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "rxguild.tracker"
    label = "tracker"

    def ready(self) -> None:
        from rxguild.core.next_steps import register
        from rxguild.tracker.next_steps import tracker_next_steps

        register(tracker_next_steps)

        from rxguild.core.home import register as register_home
        from rxguild.tracker.home import SOURCE

        register_home(SOURCE)
