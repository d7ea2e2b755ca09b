from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.forms import MessageForm, MessageRequestForm, ReportForm
from rxguild.community.models import Message
from rxguild.community.selectors import message_requests as request_selectors
from rxguild.community.selectors import messages as message_selectors
from rxguild.community.selectors.directory import member_get_for_viewer
from rxguild.community.services import message_requests as request_services
from rxguild.community.services import messages as message_services
from rxguild.community.services.moderation import report_create
from rxguild.community.views.common import renamed_member_redirect
from rxguild.core.forms import form_add_service_errors, service_error_text


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request.user)
    return render(
        request,
        "community/inbox.html",
        {
            "conversations": message_selectors.inbox(member),
            "requests": request_selectors.message_requests_for(member),
        },
    )


@login_required
def conversation(request: HttpRequest, handle: str) -> HttpResponse:
    try:
        other, view = member_get_for_viewer(request.user, handle)
    except Http404:
        if request.method != "GET":
            raise
        return renamed_member_redirect(request, handle, "community:conversation")
    member = signed_in_member(request.user)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message_services.message_send(
                sender=member, recipient=other, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect(reverse("community:conversation", args=[handle]) + "#latest")
    message_services.conversation_mark_read(reader=member, other=other)
    can_message = message_services.may_message(member, other)
    return render(
        request,
        "community/conversation.html",
        {
            "other": other,
            "view": view,
            "thread": message_selectors.conversation(member, other),
            "form": form,
            "can_message": can_message,
            "is_self": other.pk == member.pk,
            # Not connected: the way to write is a message request (or answering theirs).
            "request_form": MessageRequestForm(),
            "my_request": None
            if can_message
            else request_selectors.message_request_between(member, other),
            "their_request": None
            if can_message
            else request_selectors.message_request_from(other, member),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def message_request_send(request: HttpRequest, handle: str) -> HttpResponse:
    other, _view = member_get_for_viewer(request.user, handle)
    form = MessageRequestForm(request.POST)
    target = reverse("community:conversation", args=[handle])
    if not form.is_valid():
        flash.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(target)
    try:
        request_services.message_request_send(
            sender=signed_in_member(request.user), recipient=other, body=form.cleaned_data["body"]
        )
    except ValidationError as error:
        flash.error(request, service_error_text(error))
    except PermissionDenied as error:
        flash.error(request, str(error))
    else:
        flash.success(request, "Message request sent. You can write more once they accept.")
    return redirect(target)


@login_required
@require_POST
def message_request_answer(request: HttpRequest, request_id: int, answer: str) -> HttpResponse:
    member = signed_in_member(request.user)
    try:
        if answer == "accept":
            message = request_services.message_request_accept(actor=member, request_id=request_id)
            flash.success(request, "Accepted. You can write to each other now.")
            handle = message.sender.profile.handle
            return redirect(reverse("community:conversation", args=[handle]) + "#latest")
        if answer == "decline":
            request_services.message_request_decline(actor=member, request_id=request_id)
            flash.success(request, "Declined. They are not told.")
        elif answer == "withdraw":
            request_services.message_request_withdraw(actor=member, request_id=request_id)
            flash.success(request, "Request withdrawn.")
        else:
            raise Http404("No such answer.")
    except ValidationError as error:
        flash.error(request, service_error_text(error))
    except PermissionDenied as error:
        flash.error(request, str(error))
    return redirect(reverse("community:inbox") + "#requests")


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
