from django.apps import AppConfig


class ResumesConfig(AppConfig):
    name = "rxguild.resumes"
    label = "resumes"
