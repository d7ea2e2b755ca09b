"""Pages of the career roadmap: targets, the gap for each, steps marked done.

Thin: each view fetches through `access.py`, calls one service or selector and renders. Every
change is a POST that works without JavaScript; htmx requests get the re-rendered fragment.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from rxguild.core.forms import service_error_text
from rxguild.roadmap import access, pathways, selectors, services
from rxguild.roadmap.exports import plan_ics
from rxguild.roadmap.forms import PlanDateForm, PostingTargetForm, StepDoneForm, TargetAddForm


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    data = selectors.requirements_data()
    return render(
        request,
        "roadmap/home.html",
        {
            "items": selectors.roadmap_for_member(request.user, today=today),
            "add_form": TargetAddForm(data_file=data),
            "saved_postings": selectors.saved_postings_for_member(request.user),
            "data_version": data.version,
        },
    )


@login_required
@require_POST
def target_add(request: HttpRequest) -> HttpResponse:
    form = TargetAddForm(request.POST, data_file=selectors.requirements_data())
    if not form.is_valid():
        messages.error(request, "Choose one of the listed credentials or specialties.")
        return redirect("roadmap:home")
    try:
        target = services.target_add(member=request.user, code=form.cleaned_data["code"])
    except ValidationError as error:
        messages.error(request, service_error_text(error))
        return redirect("roadmap:home")
    messages.success(request, "Added to your roadmap.")
    return redirect("roadmap:target", target_id=target.pk)


@login_required
@require_POST
def target_add_posting(request: HttpRequest) -> HttpResponse:
    form = PostingTargetForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That job posting was not found.")
        return redirect("roadmap:home")
    posting = access.posting_get_for_target(request.user, form.cleaned_data["posting"])
    try:
        target = services.target_add_posting(member=request.user, posting=posting)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
        return redirect("roadmap:home")
    messages.success(request, f"“{posting.title}” is on your roadmap.")
    return redirect("roadmap:target", target_id=target.pk)


def _target_context(request: HttpRequest, target_id: int) -> dict[str, object]:
    target = access.target_get_for_member(request.user, target_id)
    item = selectors.roadmap_item_for_target(target, today=timezone.localdate())
    extras = selectors.target_extras(request.user, item.spec, item.plan) if item.spec else None
    return {"item": item, "target": target, "today": timezone.localdate(), "extras": extras}


@login_required
@require_GET
def target_detail(request: HttpRequest, target_id: int) -> HttpResponse:
    return render(request, "roadmap/target.html", _target_context(request, target_id))


@login_required
@require_POST
def target_remove(request: HttpRequest, target_id: int) -> HttpResponse:
    target = access.target_get_for_member(request.user, target_id)
    services.target_remove(target=target)
    messages.success(request, "Removed from your roadmap.")
    return redirect("roadmap:home")


@login_required
@require_POST
def step_done(request: HttpRequest, target_id: int) -> HttpResponse:
    """Mark a requirement done (or take it back), from a target's page."""
    access.target_get_for_member(request.user, target_id)
    form = StepDoneForm(request.POST)
    status_message = ""
    if not form.is_valid():
        status_message = "Give a valid date (or leave it empty for today)."
    else:
        code = form.cleaned_data["requirement_code"]
        try:
            if form.cleaned_data["done"]:
                services.step_mark_done(
                    member=request.user,
                    requirement_code=code,
                    done_on=form.cleaned_data["done_on"],
                )
                status_message = "Marked done."
            else:
                services.step_unmark_done(member=request.user, requirement_code=code)
                status_message = "No longer marked done."
        except ValidationError as error:
            status_message = service_error_text(error)
    if request.htmx:  # type: ignore[attr-defined]  # django-htmx middleware sets it
        context = _target_context(request, target_id)
        context["status_message"] = status_message
        return render(request, "roadmap/_gap.html", context)
    messages.info(request, status_message)
    return redirect("roadmap:target", target_id=target_id)


@login_required
@require_POST
def plan_date(request: HttpRequest, target_id: int) -> HttpResponse:
    """Move a plan step's due date (empty: back to the estimate)."""
    access.target_get_for_member(request.user, target_id)
    form = PlanDateForm(request.POST)
    if not form.is_valid():
        status_message = "Give a valid date (or leave it empty for the estimate)."
    else:
        try:
            services.plan_date_set(
                member=request.user,
                requirement_code=form.cleaned_data["requirement_code"],
                due_on=form.cleaned_data["due_on"],
            )
            status_message = "Plan updated."
        except ValidationError as error:
            status_message = service_error_text(error)
    if request.htmx:  # type: ignore[attr-defined]  # django-htmx middleware sets it
        context = _target_context(request, target_id)
        context["status_message"] = status_message
        return render(request, "roadmap/_gap.html", context)
    messages.info(request, status_message)
    return redirect("roadmap:target", target_id=target_id)


@login_required
@require_GET
def plan_calendar(request: HttpRequest, target_id: int) -> HttpResponse:
    target = access.target_get_for_member(request.user, target_id)
    item = selectors.roadmap_item_for_target(target, today=timezone.localdate())
    if item.plan is None:
        raise Http404("This target is no longer in RxGuild's data.")
    content = plan_ics(
        item.plan, member_id=target.member_id, uid_domain=request.get_host().split(":")[0]
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rxguild-plan-{target.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    ids = [int(v) for v in request.GET.getlist("target") if v.isdigit()]
    saved_jobs = request.GET.get("jobs", "1") != "0"
    rows = selectors.comparison_for_member(
        request.user, today=timezone.localdate(), target_ids=ids, saved_jobs=saved_jobs
    )
    return render(request, "roadmap/compare.html", {"rows": rows, "saved_jobs": saved_jobs})


@login_required
@require_GET
def pathway_list(request: HttpRequest) -> HttpResponse:
    return render(request, "roadmap/pathways.html", {"entries": pathways.specialty_list()})


@login_required
@require_GET
def pathway_detail(request: HttpRequest, code: str) -> HttpResponse:
    page = pathways.pathway_for_specialty(request.user, code, today=timezone.localdate())
    return render(request, "roadmap/pathway.html", {"page": page})


@login_required
@require_GET
def cpht_adv(request: HttpRequest) -> HttpResponse:
    planner = pathways.cpht_adv_planner(request.user, today=timezone.localdate())
    return render(request, "roadmap/cpht_adv.html", {"planner": planner})
