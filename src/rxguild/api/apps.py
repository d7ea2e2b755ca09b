from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rxguild.api"
    label = "api"
