from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rxguild.core"
    label = "core"
