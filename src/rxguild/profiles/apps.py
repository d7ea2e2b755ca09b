from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "rxguild.profiles"
    label = "profiles"
