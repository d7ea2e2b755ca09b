"""The course catalog and the course import for staff and CE providers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from rxguild.accounts.viewer import is_course_manager, signed_in_member
from rxguild.ce import services
from rxguild.ce.forms import UploadForm
from rxguild.ce.models import Topic
from rxguild.ce.selectors import (
    compliance_for_member,
    course_counts_toward,
    course_search,
    record_input,
    transcript_for_member,
)


@login_required
@require_GET
def course_catalog(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    needed_only = request.GET.get("needed") == "1"
    topic = request.GET.get("topic", "")[:2]
    audience = request.GET.get("audience", "")[:1]
    courses = list(course_search(query=query, topic=topic, audience=audience)[:200])
    counts: dict[int, list[str]] = {}
    if needed_only or courses:
        today = timezone.localdate()
        statuses = compliance_for_member(request.user, today=today)
        records = [record_input(r) for r in transcript_for_member(request.user)]
        counts = {c.id: course_counts_toward(c, statuses, records) for c in courses}
    if needed_only:
        courses = [c for c in courses if counts.get(c.id)]
    can_import = is_course_manager(request.user)
    return render(
        request,
        "ce/courses.html",
        {
            "courses": courses,
            "counts": counts,
            "query": query,
            "needed_only": needed_only,
            "can_import": can_import,
            "topic": topic,
            "audience": audience,
            "topics": [(c, label) for c, label in Topic.choices if c],
        },
    )


@login_required
def course_import(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not is_course_manager(user):
        raise PermissionDenied("Only staff and CE providers may import courses.")
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = upload.name or ""
        if not name.lower().endswith((".csv", ".json")) or upload.size > 1024 * 1024:
            form.add_error("file", "Choose a .csv or .json file up to 1 MB.")
        else:
            report = services.course_import(
                actor=signed_in_member(user), content=upload.read(), filename=name
            )
            if not report.errors:
                messages.success(
                    request, f"{report.created} course(s) added, {report.updated} updated."
                )
                return redirect("ce:courses")
    return render(request, "ce/course_import.html", {"form": form, "report": report})
