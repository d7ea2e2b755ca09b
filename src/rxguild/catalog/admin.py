"""Staff edit every catalog model here. The data files stay the source of truth: an edit made
here is overwritten the next time that file changes and is reloaded, so lasting corrections
belong in data/catalog/*.toml (with their source)."""

from django.contrib import admin
from django.http import HttpRequest

from rxguild.catalog.models import (
    Credential,
    DataFileLoad,
    PracticeSetting,
    Skill,
    Specialization,
    Wage,
)


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "abbreviation", "kind", "state", "issuer", "confidence")
    list_filter = ("kind", "state", "confidence")
    search_fields = ("code", "name", "abbreviation", "issuer", "description")
    filter_horizontal = ("requires",)
    ordering = ("kind", "state", "name")


@admin.register(PracticeSetting)
class PracticeSettingAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "confidence")
    list_filter = ("confidence",)
    search_fields = ("code", "name", "description")
    filter_horizontal = ("typical_credentials",)


@admin.register(Specialization)
class SpecializationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "confidence")
    list_filter = ("confidence",)
    search_fields = ("code", "name", "description", "typical_training")
    filter_horizontal = ("settings", "typical_credentials")


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "category", "onet_element_id", "confidence")
    list_filter = ("category", "confidence")
    # Synonyms are a JSON list; searching its text form finds "Pyxis" or "USP <797>".
    search_fields = ("code", "name", "synonyms", "description")
    list_per_page = 100


@admin.register(Wage)
class WageAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "area",
        "setting",
        "period",
        "annual_median",
        "annual_mean",
        "employment",
        "confidence",
    )
    list_filter = ("area", "period", "confidence")
    search_fields = ("code", "area", "setting", "period", "note")


@admin.register(DataFileLoad)
class DataFileLoadAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "sha256", "loaded_at")
    readonly_fields = ("name", "version", "sha256", "loaded_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
