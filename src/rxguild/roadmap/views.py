"""Pages of the career roadmap: targets, the gap for each, steps marked done.

Thin: each view fetches through `access.py`, calls one service or selector and renders. Every
change is a POST that works without JavaScript; htmx requests get the re-rendered fragment.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.jobs.models import Shift
from rxguild.roadmap import (
    access,
    pathways,
    pay_area_selectors,
    pay_selectors,
    selectors,
    services,
)
from rxguild.roadmap.cpht_adv import cpht_adv_planner
from rxguild.roadmap.exports import plan_ics
from rxguild.roadmap.forms import (
    PayFilterForm,
    PayReportForm,
    PlanDateForm,
    PostingTargetForm,
    StepDoneForm,
    TargetAddForm,
)
from rxguild.roadmap.state_move import state_move as state_move_for


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
            "add_form": TargetAddForm(data_file=data, kinds=("credential", "specialty")),
            "state_form": TargetAddForm(
                data_file=data,
                kinds=("registration",),
                label="State and credential",
                auto_id="id_state_%s",
            ),
            "role_form": TargetAddForm(
                data_file=data, kinds=("role",), label="Role", auto_id="id_role_%s"
            ),
            "saved_postings": selectors.saved_postings_for_member(request.user),
            "data_version": data.version,
        },
    )


@login_required
@require_POST
def target_add(request: HttpRequest) -> HttpResponse:
    form = TargetAddForm(request.POST, data_file=selectors.requirements_data())
    if not form.is_valid():
        messages.error(request, "Choose one of the listed targets.")
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
    context = _target_context(request, target_id)
    state, zip_code = pay_area_selectors.member_location(request.user)
    context["area"] = pay_area_selectors.area_pay(state=state, zip_code=zip_code)
    return render(request, "roadmap/target.html", context)


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
    planner = cpht_adv_planner(request.user, today=timezone.localdate())
    return render(request, "roadmap/cpht_adv.html", {"planner": planner})


def _pay_report_form(request: HttpRequest, data: Any = None) -> PayReportForm:
    jobs = pay_selectors.jobs_for_pay_report(request.user)
    return PayReportForm(
        data,
        jobs=[(job.pk, f"{job.title} at {job.employer}") for job in jobs],
        credentials=pay_selectors.held_credentials_for_pay(request.user),
        shifts=list(Shift.choices),
    )


@login_required
@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest) -> HttpResponse:
    """Official figures, member reports in buckets of five or more, and reporting one's own."""
    filters = PayFilterForm(request.GET, metro_codes=pay_area_selectors.metro_codes())
    filters.is_valid()  # each field's clean value is kept; an invalid one is shown, not used
    cleaned = filters.cleaned_data
    report_form = _pay_report_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and report_form.is_valid():
        job = access.job_get_for_pay_report(request.user, report_form.cleaned_data["job"])
        try:
            services.pay_report_submit(
                member=request.user,
                job=job,
                hourly_pay=report_form.cleaned_data["hourly_pay"],
                shift=report_form.cleaned_data["shift"],
                credentials=report_form.cleaned_data["credentials"],
            )
        except ValidationError as error:
            form_add_service_errors(report_form, error)
        else:
            messages.success(
                request, "Thank you. Your report waits for a moderator; it is only ever shown "
                "inside groups of five or more."
            )  # fmt: skip
            return redirect("roadmap:pay")
    overview = pay_selectors.pay_overview(
        state=cleaned.get("state", ""),
        setting=cleaned.get("setting", ""),
        credential=cleaned.get("credential", ""),
    )
    home_state, zip_code = pay_area_selectors.member_location(request.user)
    area = pay_area_selectors.area_pay(
        state=cleaned.get("state", "") or home_state,
        zip_code=zip_code,
        metro=cleaned.get("metro", ""),
    )
    return render(
        request,
        "roadmap/pay.html",
        {
            "overview": overview,
            "area": area,
            "filters": filters,
            "report_form": report_form,
            "my_reports": pay_selectors.pay_reports_for_member(request.user),
            "may_moderate": access.may_moderate_pay(request.user),
        },
        status=400 if report_form.errors else 200,
    )


@login_required
@require_POST
def pay_report_withdraw(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access.pay_report_get_for_member(request.user, report_id)
    services.pay_report_withdraw(report=report)
    messages.success(request, "Your pay report is withdrawn.")
    return redirect("roadmap:pay")


@login_required
@require_http_methods(["GET", "POST"])
def pay_moderate(request: HttpRequest) -> HttpResponse:
    if not access.may_moderate_pay(request.user):
        raise Http404
    if request.method == "POST":
        report_id = request.POST.get("report", "")
        report = access.pay_report_get_for_moderator(
            request.user, int(report_id) if report_id.isdigit() else 0
        )
        services.pay_report_moderate(
            moderator=request.user, report=report, approve=request.POST.get("approve") == "1"
        )
        messages.success(request, "Done.")
        return redirect("roadmap:pay_moderate")
    return render(
        request, "roadmap/pay_moderate.html", {"reports": pay_selectors.pay_reports_pending()}
    )


@login_required
@require_GET
def state_move(request: HttpRequest) -> HttpResponse:
    profile_state = getattr(getattr(request.user, "profile", None), "state", "")
    from_state = request.GET.get("from", profile_state or "").strip().upper()[:2]
    to_state = request.GET.get("to", "").strip().upper()[:2]
    move = state_move_for(
        request.user, from_state=from_state, to_state=to_state, today=timezone.localdate()
    )
    # Each registration that is a roadmap target (all of the state data's but trainee permits)
    # can be aimed at from here, to see what it asks against the member's record.
    targets = selectors.requirements_data().targets
    aimable = {r.credential.code for r in move.registrations if r.credential.code in targets}
    return render(request, "roadmap/state_move.html", {"move": move, "aimable": aimable})


@login_required
@require_POST
def plan_goal(request: HttpRequest, target_id: int) -> HttpResponse:
    """Turn the plan into a growth goal with a milestone per step."""
    target = access.target_get_for_member(request.user, target_id)
    item = selectors.roadmap_item_for_target(target, today=timezone.localdate())
    if item.plan is None:
        raise Http404("This target is no longer in RxGuild's data.")
    try:
        services.plan_to_goal(member=request.user, target=target, plan=item.plan)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
        return redirect("roadmap:target", target_id=target.pk)
    messages.success(request, "Your plan is a goal now, with a milestone per step.")
    return redirect("growth:home")
