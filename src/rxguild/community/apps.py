from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "rxguild.community"
    label = "community"
