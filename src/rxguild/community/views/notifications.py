from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.models import Notification, NotificationKind, NotificationSetting
from rxguild.community.services.notifications import (
    notification_settings_update,
    notifications_mark_read,
)


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    items = list(
        Notification.objects.filter(recipient_id=request.user.pk, read_at__isnull=True)[:100]
    ) + list(Notification.objects.filter(recipient_id=request.user.pk, read_at__isnull=False)[:50])
    return render(request, "community/notifications.html", {"items": items})


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=signed_in_member(request.user))
    return redirect("community:notifications")


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        choices = {
            kind: (
                request.POST.get(f"{kind}-in_app") == "on",
                request.POST.get(f"{kind}-email") == "on",
            )
            for kind in NotificationKind.values
        }
        notification_settings_update(user=signed_in_member(request.user), choices=choices)
        messages.success(request, "Notification settings saved.")
        return redirect("community:notification_settings")
    member = signed_in_member(request.user)
    saved = {row.kind: row for row in NotificationSetting.objects.filter(user=member)}
    rows = [
        {
            "kind": kind,
            "label": label,
            "in_app": saved[kind].in_app if kind in saved else True,
            "email": saved[kind].email if kind in saved else True,
        }
        for kind, label in NotificationKind.choices
    ]
    return render(request, "community/notification_settings.html", {"rows": rows})
