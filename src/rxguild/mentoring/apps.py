from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "rxguild.mentoring"
    label = "mentoring"
