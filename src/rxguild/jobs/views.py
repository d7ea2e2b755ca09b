"""Pages for search, job detail, feeds, and recruiters' posting management and review.

Thin: parse, call a selector or service, render. Who may do what is decided in
access.py / selectors.py / services.py, never here.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from rxguild.core.forms import form_add_service_errors
from rxguild.core.markdown import render_markdown  # the shared sanitizer
from rxguild.jobs import importers, services
from rxguild.jobs.access import (
    can_review_postings,
    employer_get_for_manager,
    employers_managed_by,
    posting_access,
    posting_get_for_editor,
    posting_get_for_viewer,
    posting_visible_queryset,
)
from rxguild.jobs.feeds import FEED_LIMIT, feed_jsonld, feed_xml
from rxguild.jobs.forms import ImportForm, PostingForm, ReviewForm
from rxguild.jobs.jsonld import jsonld_script_text, posting_to_jsonld
from rxguild.jobs.models import Employer, EmploymentType, JobPosting, Shift
from rxguild.jobs.pay import pay_comparison_for
from rxguild.jobs.search import search_generation
from rxguild.jobs.search_params import POSTED_WITHIN_CHOICES, RADIUS_CHOICES, search_params_parse
from rxguild.jobs.selectors import (
    catalog_refs,
    credential_check_for_viewer,
    job_search,
    posting_description_text,
    postings_for_employers,
    postings_for_review,
)


def _posting_url(request: HttpRequest, posting: JobPosting) -> str:
    return request.build_absolute_uri(reverse("jobs:detail", args=[posting.public_id]))


def _results_html(request: HttpRequest, context: dict[str, Any], errors: list[str]) -> str:
    """The results part of the page. For visitors who are not signed in it is the same for
    everyone, so it is kept as HTML as long as the search's order is (JOBS_SEARCH_CACHE_SECONDS,
    per index generation and per address): rendering 20 hits was most of a search's CPU."""
    seconds = settings.JOBS_SEARCH_CACHE_SECONDS
    shared = seconds and not errors and not request.user.is_authenticated
    if shared:
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        key = f"jobs:results-html:v1:{search_generation()}:{digest}"
        if (html := cache.get(key)) is not None:
            return html
    params = context["params"]
    context["result"] = job_search(params, viewer=request.user, errors=errors)
    html = render_to_string("jobs/_results.html", context, request)
    if shared:
        cache.set(key, html, seconds)
    return html


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    params, errors = search_params_parse(request.GET)
    refs = catalog_refs()
    query = params.as_query()
    page_query = {k: v for k, v in query.items() if k != "page"}
    context: dict[str, Any] = {
        "params": params,
        "query_string": urlencode(page_query),
        # From the cached catalog references the search itself read: two queries fewer.
        "settings_options": [
            {"code": code, "name": name} for code, (_pk, name) in refs.settings_by_code.items()
        ],
        "credential_options": list(refs.credentials_by_code.values()),
        "employment_types": EmploymentType.choices,
        "shifts": Shift.choices,
        "radius_choices": RADIUS_CHOICES,
        "posted_within_choices": POSTED_WITHIN_CHOICES,
        "sorts": [
            ("relevance", "Relevance"),
            ("date", "Newest"),
            ("distance", "Distance"),
            ("pay", "Pay"),
        ],
    }
    results = _results_html(request, context, errors)
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "job-results":
        return HttpResponse(results)
    return render(request, "jobs/search.html", {**context, "results_html": results})


@require_GET
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    posting = posting_get_for_viewer(request.user, public_id)
    check = credential_check_for_viewer(request.user, posting)
    description = posting_description_text(posting)
    return render(
        request,
        "jobs/detail.html",
        {
            "posting": posting,
            "check": check,
            "description_html": render_markdown(description),
            "jsonld": jsonld_script_text(
                posting_to_jsonld(
                    posting, url=_posting_url(request, posting), description=description
                )
            ),
            "access": posting_access(request.user, posting),
            "pay": pay_comparison_for(posting),
        },
    )


def _feed_postings() -> Any:
    return (
        posting_visible_queryset()
        .select_related("employer", "practice_setting")
        .prefetch_related("credential_requirements__credential", "skills")
        .order_by("-date_posted")[:FEED_LIMIT]
    )


@require_GET
def feed_jsonld_view(request: HttpRequest) -> HttpResponse:
    data = feed_jsonld(_feed_postings(), lambda p: _posting_url(request, p))
    return JsonResponse(data, content_type="application/ld+json")


@require_GET
def feed_xml_view(request: HttpRequest) -> HttpResponse:
    body = feed_xml(
        _feed_postings(),
        lambda p: _posting_url(request, p),
        publisher="RxGuild",
        publisher_url=request.build_absolute_uri("/"),
    )
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


# --- Recruiters ---------------------------------------------------------------------------


@login_required
def employer_home(request: HttpRequest) -> HttpResponse:
    employers = employers_managed_by(request.user)
    if not employers:
        raise PermissionDenied("You are not a recruiter for any employer yet.")
    postings = postings_for_employers([e.pk for e in employers])[:200]
    return render(
        request, "jobs/employer_home.html", {"employers": employers, "postings": postings}
    )


def _employer_for(request: HttpRequest, slug: str) -> Employer:
    return employer_get_for_manager(request.user, slug)


@login_required
def posting_create(request: HttpRequest, slug: str) -> HttpResponse:
    employer = _employer_for(request, slug)
    form = PostingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            posting = services.job_posting_create(
                employer=employer, author=request.user, data=form.to_input()
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if request.POST.get("submit_for_review"):
                services.job_posting_submit(posting=posting, actor=request.user)
                messages.success(request, "Saved and sent for review.")
            else:
                messages.success(request, "Draft saved.")
            return redirect("jobs:detail", public_id=posting.public_id)
    return render(
        request, "jobs/posting_form.html", {"form": form, "employer": employer, "posting": None}
    )


@login_required
def posting_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    posting = posting_get_for_editor(request.user, public_id)
    form = PostingForm(request.POST or None, initial=PostingForm.initial_for(posting))
    if request.method == "POST" and form.is_valid():
        try:
            services.job_posting_update(posting=posting, editor=request.user, data=form.to_input())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Posting saved.")
            return redirect("jobs:detail", public_id=posting.public_id)
    return render(
        request,
        "jobs/posting_form.html",
        {"form": form, "employer": posting.employer, "posting": posting},
    )


@login_required
@require_POST
def posting_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    posting = posting_get_for_viewer(request.user, public_id)
    try:
        if action == "submit":
            services.job_posting_submit(posting=posting, actor=request.user)
            messages.success(request, "Sent for review.")
        elif action == "reverify":
            services.job_posting_reverify(posting=posting, actor=request.user)
            messages.success(request, "Re-verified: the posting runs 30 more days.")
        elif action in {"filled", "withdrawn"}:
            services.job_posting_close(posting=posting, actor=request.user, status=action)
            messages.success(request, f"Marked {action}.")
        elif action == "review":
            form = ReviewForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Choose publish or send back.")
            services.job_posting_review(
                posting=posting,
                reviewer=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
            messages.success(request, "Review saved.")
        else:
            raise Http404("No such action.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("jobs:detail", public_id=posting.public_id)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not can_review_postings(request.user):
        raise PermissionDenied("Only staff or moderators review postings.")
    return render(request, "jobs/review_queue.html", {"postings": postings_for_review()[:200]})


@login_required
def posting_import(request: HttpRequest, slug: str) -> HttpResponse:
    employer = _employer_for(request, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = importers.parse_file(upload.name, upload.read(importers.MAX_BYTES + 1))
        except importers.ImportFileError as error:
            file_error = str(error)
        else:
            report = importers.jobs_import(
                employer=employer,
                actor=request.user,
                rows=rows,
                valid_only=form.cleaned_data["valid_only"],
            )
    return render(
        request,
        "jobs/import.html",
        {
            "form": form,
            "employer": employer,
            "report": report,
            "file_error": file_error,
            "columns": importers.CSV_COLUMNS,
        },
    )
