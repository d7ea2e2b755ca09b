from django.contrib import admin

from rxguild.profiles.models import (
    CredentialHeld,
    Education,
    OpenTo,
    Profile,
    ProfileSkill,
    WorkExperience,
)


class WorkInline(admin.TabularInline):
    model = WorkExperience
    extra = 0


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0


class CredentialInline(admin.TabularInline):
    model = CredentialHeld
    extra = 0


class SkillInline(admin.TabularInline):
    model = ProfileSkill
    extra = 0


class OpenToInline(admin.TabularInline):
    model = OpenTo
    extra = 0


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["handle", "display_name", "state", "is_public", "updated_at"]
    list_filter = ["is_public", "state"]
    search_fields = ["handle", "display_name", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    inlines = [OpenToInline, WorkInline, EducationInline, CredentialInline, SkillInline]
