from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rxguild.core"
    label = "core"

    def ready(self) -> None:
        from rxguild.core import lookups  # noqa: F401  (registers the integer __in lookup)
