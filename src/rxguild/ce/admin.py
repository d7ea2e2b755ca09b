from django.contrib import admin
from django.http import HttpRequest

from rxguild.ce.models import CeProvider, Course, ReminderSent, StaffAccessLog


@admin.register(CeProvider)
class CeProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "acpe_number")
    search_fields = ("name", "acpe_number")
    filter_horizontal = ("managers",)


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "provider", "uan", "hours", "topic_code", "audience")
    search_fields = ("title", "uan")
    list_filter = ("audience", "topic_code", "format")


@admin.register(StaffAccessLog)
class StaffAccessLogAdmin(admin.ModelAdmin):
    # Read-only: the log is evidence, not something staff edit.
    list_display = ("accessed_at", "staff", "member", "reason")
    readonly_fields = ("accessed_at", "staff", "member", "reason")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ("sent_at", "member", "kind", "subject_key", "deadline", "threshold_days")
