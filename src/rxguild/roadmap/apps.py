from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "rxguild.roadmap"
    label = "roadmap"

    def ready(self) -> None:
        from rxguild.core.next_steps import register
        from rxguild.roadmap.next_steps import roadmap_next_steps

        register(roadmap_next_steps)

        from rxguild.core.home import register as register_home
        from rxguild.roadmap.home import SOURCE

        register_home(SOURCE)
