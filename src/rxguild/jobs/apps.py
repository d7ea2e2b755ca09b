from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "rxguild.jobs"
    label = "jobs"

    def ready(self) -> None:
        from rxguild.core.next_steps import register
        from rxguild.jobs.tracking_next_steps import tracker_next_steps

        register(tracker_next_steps)
