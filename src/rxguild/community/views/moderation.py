from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.forms import ModerationForm
from rxguild.community.selectors.moderation import audit_log, report_queue
from rxguild.community.services.moderation import moderation_act
from rxguild.core.forms import service_error_text
from rxguild.core.markdown import render_markdown


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    reports = list(report_queue(request.user))
    items = [
        {
            "report": report,
            "form": ModerationForm(prefix=f"r{report.pk}"),
            "content_html": render_markdown(report.post.body) if report.post else None,
        }
        for report in reports
    ]
    return render(request, "community/moderation_queue.html", {"items": items})


@login_required
@require_POST
def act(request: HttpRequest, report_id: int) -> HttpResponse:
    report_queue(request.user)  # 403 for non-moderators before anything is read
    form = ModerationForm(request.POST, prefix=f"r{report_id}")
    if not form.is_valid():
        messages.error(request, "Choose an action (and a number of days to suspend).")
        return redirect("community:moderation")
    try:
        logged = moderation_act(
            moderator=signed_in_member(request.user), report_id=report_id, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, f"Done: {logged.get_action_display().lower()}.")
    return redirect("community:moderation")


@login_required
def log(request: HttpRequest) -> HttpResponse:
    return render(request, "community/moderation_log.html", {"actions": audit_log(request.user)})
