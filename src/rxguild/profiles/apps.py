from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "rxguild.profiles"
    label = "profiles"

    def ready(self) -> None:
        from rxguild.core.next_steps import register
        from rxguild.profiles.next_steps import profile_next_steps

        register(profile_next_steps)
