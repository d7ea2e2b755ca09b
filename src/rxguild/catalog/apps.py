from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "rxguild.catalog"
    label = "catalog"
