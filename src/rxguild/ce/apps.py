from django.apps import AppConfig


class CeConfig(AppConfig):
    name = "rxguild.ce"
    label = "ce"
