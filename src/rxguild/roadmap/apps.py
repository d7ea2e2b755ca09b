from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "rxguild.roadmap"
    label = "roadmap"
