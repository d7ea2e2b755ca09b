from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "rxguild.growth"
    label = "growth"
