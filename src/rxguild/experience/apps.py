from django.apps import AppConfig


class ExperienceConfig(AppConfig):
    name = "rxguild.experience"
    label = "experience"
