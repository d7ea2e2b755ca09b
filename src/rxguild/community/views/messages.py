from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.forms import MessageForm, ReportForm
from rxguild.community.models import Message
from rxguild.community.selectors import messages as message_selectors
from rxguild.community.selectors.directory import member_get_for_viewer
from rxguild.community.services import messages as message_services
from rxguild.community.services.moderation import report_create
from rxguild.core.forms import form_add_service_errors


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/inbox.html",
        {"conversations": message_selectors.inbox(signed_in_member(request.user))},
    )


@login_required
def conversation(request: HttpRequest, handle: str) -> HttpResponse:
    other, view = member_get_for_viewer(request.user, handle)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message_services.message_send(
                sender=signed_in_member(request.user),
                recipient=other,
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect(reverse("community:conversation", args=[handle]) + "#latest")
    message_services.conversation_mark_read(reader=signed_in_member(request.user), other=other)
    return render(
        request,
        "community/conversation.html",
        {
            "other": other,
            "view": view,
            "thread": message_selectors.conversation(signed_in_member(request.user), other),
            "form": form,
            "can_message": message_services.may_message(signed_in_member(request.user), other),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def message_report(request: HttpRequest, message_id: int) -> HttpResponse:
    # Only the recipient reports a message; another member's id is a plain 404.
    message = get_object_or_404(Message, pk=message_id, recipient=request.user)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create(
                reporter=signed_in_member(request.user), message_id=message.pk, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            flash.success(request, "Thank you. A moderator will look at your report.")
            return redirect("community:inbox")
    return render(
        request,
        "community/report.html",
        {"form": form, "subject": "this message"},
        status=400 if request.method == "POST" else 200,
    )
