from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "rxguild.jobs"
    label = "jobs"
