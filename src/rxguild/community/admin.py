"""Staff see group and event activity in the admin; moderation itself happens in the queue
(so every action lands in the audit log), which is why reports and the log are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from rxguild.community.models import (
    Event,
    Group,
    Membership,
    ModerationAction,
    Post,
    Report,
    Rsvp,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user", "invited_by")


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "state", "visibility", "created_at")
    list_filter = ("kind", "visibility")
    search_fields = ("name", "slug")
    inlines = [MembershipInline]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("__str__", "group", "kind", "status", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "body")
    raw_id_fields = ("author", "parent", "accepted_answer", "group")


class RsvpInline(admin.TabularInline):
    model = Rsvp
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "group", "starts_at", "format", "capacity", "visibility")
    list_filter = ("format", "visibility")
    search_fields = ("title",)
    inlines = [RsvpInline]
    raw_id_fields = ("organizer", "group")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("__str__", "reason", "status", "created_at")
    list_filter = ("status", "reason")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ("created_at", "moderator", "action", "member", "post")
    list_filter = ("action",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
