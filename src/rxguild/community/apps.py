from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "rxguild.community"
    label = "community"

    def ready(self) -> None:
        from rxguild.community.next_steps import community_next_steps
        from rxguild.core.next_steps import register

        register(community_next_steps)

        from rxguild.community.home import SOURCE
        from rxguild.core.home import register as register_home

        register_home(SOURCE)
