"""A coordinator's program pages: the cohort at a glance (chart, hours, evaluations), inviting
students, messages to a cohort, and the program's lists (cohorts, sites, preceptors).

Every view fetches the program through access.program_get_for_coordinator (another program is
a 404) and each chosen cohort, site, preceptor or student through access.program_part_get or
enrollment_get_for_coordinator; services apply the rules.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rxguild.core.forms import service_error_text
from rxguild.core.ratelimit import RateLimited
from rxguild.experience import access
from rxguild.experience.forms_programs import (
    CohortForm,
    CohortMessageForm,
    InviteForm,
    PlaceForm,
    PreceptorForm,
    SiteForm,
)
from rxguild.experience.models import Cohort, Preceptor, ProgramSite
from rxguild.experience.selectors_programs import (
    cohort_chart,
    cohort_for_program,
    invitations_waiting,
)
from rxguild.experience.services import program_admin


@login_required
def program_cohort(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access.program_get_for_coordinator(request.user, program_id)
    cohort = access.program_part_or_none(program, Cohort, request.GET.get("cohort"))
    rows = cohort_for_program(program, cohort=cohort)
    return render(
        request,
        "experience/program_cohort.html",
        {
            "program": program,
            "cohort": cohort,
            "cohorts": list(program.cohorts.all()),
            "rows": rows,
            "chart": cohort_chart(rows),
            "invitations_waiting": invitations_waiting(program),
            "invite_form": InviteForm(program=program),
            "place_form": PlaceForm(program=program, auto_id="place_%s"),
            "message_form": CohortMessageForm(program=program, auto_id="msg_%s"),
            "sent_messages": list(program.messages.select_related("cohort")[:10]),
        },
    )


def _done(request: HttpRequest, run: Callable[[], object], success: str) -> None:
    """Run one service call and say how it went, as a flash message."""
    try:
        run()
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    except RateLimited as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)


@login_required
@require_POST
def program_invite(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access.program_get_for_coordinator(request.user, program_id)
    form = InviteForm(request.POST, program=program)
    if not form.is_valid():
        messages.error(request, "Enter the student's email address.")
        return redirect("experience:program_cohort", program_id=program.pk)
    data = form.cleaned_data
    cohort = access.program_part_or_none(program, Cohort, data["cohort"])
    site = access.program_part_or_none(program, ProgramSite, data["site"])
    _done(
        request,
        lambda: program_admin.program_invite(
            program=program, coordinator=request.user, email=data["email"], cohort=cohort, site=site
        ),
        f"Invitation sent to {data['email']}. They appear here once they accept.",
    )
    return redirect("experience:program_cohort", program_id=program.pk)


@login_required
@require_POST
def enrollment_place(request: HttpRequest, program_id: int, enrollment_id: int) -> HttpResponse:
    program = access.program_get_for_coordinator(request.user, program_id)
    enrollment = access.enrollment_get_for_coordinator(program, enrollment_id)
    form = PlaceForm(request.POST, program=program)
    form.is_valid()
    data = form.cleaned_data
    cohort = access.program_part_or_none(program, Cohort, data.get("cohort"))
    site = access.program_part_or_none(program, ProgramSite, data.get("site"))
    _done(
        request,
        lambda: program_admin.enrollment_place(enrollment=enrollment, cohort=cohort, site=site),
        "Placement saved.",
    )
    return redirect("experience:program_cohort", program_id=program.pk)


@login_required
@require_POST
def program_message(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access.program_get_for_coordinator(request.user, program_id)
    form = CohortMessageForm(request.POST, program=program)
    if not form.is_valid():
        messages.error(request, "Give the message a subject and write it.")
        return redirect("experience:program_cohort", program_id=program.pk)
    data = form.cleaned_data
    cohort = access.program_part_or_none(program, Cohort, data["cohort"])
    _done(
        request,
        lambda: program_admin.cohort_message_send(
            program=program,
            sender=request.user,
            subject=data["subject"],
            body=data["body"],
            cohort=cohort,
        ),
        "Message sent by email to each enrolled student.",
    )
    return redirect("experience:program_cohort", program_id=program.pk)


@login_required
def program_lists(request: HttpRequest, program_id: int) -> HttpResponse:
    program = access.program_get_for_coordinator(request.user, program_id)
    return render(
        request,
        "experience/program_lists.html",
        {
            "program": program,
            "cohorts": list(program.cohorts.all()),
            "sites": list(program.sites.all()),
            "preceptors": list(program.preceptors.select_related("site")),
            "cohort_form": CohortForm(auto_id="cohort_%s"),
            "site_form": SiteForm(auto_id="site_%s"),
            "preceptor_form": PreceptorForm(program=program, auto_id="preceptor_%s"),
        },
    )


@login_required
@require_POST
def program_list_add(request: HttpRequest, program_id: int, kind: str) -> HttpResponse:
    program = access.program_get_for_coordinator(request.user, program_id)
    form: forms.Form
    if kind not in ("cohort", "site", "preceptor"):
        raise Http404("No such list.")
    if kind == "cohort":
        form = CohortForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            _done(
                request, lambda: program_admin.cohort_add(program=program, **data), "Cohort added."
            )
    elif kind == "site":
        form = SiteForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            _done(request, lambda: program_admin.site_add(program=program, **data), "Site added.")
    else:
        form = PreceptorForm(request.POST, program=program)
        if form.is_valid():
            data = dict(form.cleaned_data)
            site = access.program_part_get(program, ProgramSite, data.pop("site"))
            _done(
                request,
                lambda: program_admin.preceptor_add(program=program, site=site, **data),
                "Preceptor added.",
            )
    if not form.is_valid():
        messages.error(request, "Fill in the required fields: " + ", ".join(form.errors) + ".")
    return redirect("experience:program_lists", program_id=program.pk)


@login_required
@require_POST
def preceptor_remove(request: HttpRequest, program_id: int, preceptor_id: int) -> HttpResponse:
    program = access.program_get_for_coordinator(request.user, program_id)
    preceptor = access.program_part_get(program, Preceptor, preceptor_id)
    program_admin.preceptor_remove(preceptor=preceptor)
    messages.success(request, f"Removed {preceptor.name} from the list.")
    return redirect("experience:program_lists", program_id=program.pk)
