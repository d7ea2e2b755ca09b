"""Mentoring programs: joining, and the staff's match, publish and pair edits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import service_error_text
from rxguild.mentoring import access, selectors
from rxguild.mentoring.forms import (
    ProgramJoinForm,
)
from rxguild.mentoring.services import programs as programs_services


@login_required
def programs(request: HttpRequest) -> HttpResponse:
    return render(
        request, "mentoring/programs.html", {"programs": selectors.programs_for(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def program_detail(request: HttpRequest, slug: str) -> HttpResponse:
    program_access = access.program_get_for_viewer(request.user, slug)
    program = program_access.program
    form = ProgramJoinForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["leave"]:
                programs_services.program_leave(
                    program=program,
                    user=signed_in_member(request.user),
                    role=form.cleaned_data["role"],
                )
                messages.success(request, "You have left the program.")
            else:
                programs_services.program_join(
                    program=program,
                    user=signed_in_member(request.user),
                    role=form.cleaned_data["role"],
                    answer=form.cleaned_data["answer"],
                )
                messages.success(request, "You are in. Staff will tell you your match.")
        except ValidationError as error:
            messages.error(request, service_error_text(error))
        return redirect("mentoring:program", slug=program.slug)
    roles = selectors.program_roles(request.user, program)
    return render(
        request,
        "mentoring/program.html",
        {"access": program_access, "program": program, "form": form, "roles": roles},
    )


@login_required
def program_manage(request: HttpRequest, slug: str) -> HttpResponse:
    program = access.program_get_for_manager(request.user, slug).program
    return render(
        request,
        "mentoring/program_manage.html",
        {"view": selectors.program_admin_view(program), "program": program},
    )


@login_required
@require_POST
def program_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    program = access.program_get_for_manager(request.user, slug).program
    try:
        if action == "match":
            proposal = programs_services.program_match_everyone(
                program=program, actor=signed_in_member(request.user)
            )
            messages.success(
                request,
                f"Proposal ready: {len(proposal.pairs)} pairs, {len(proposal.unmatched)} "
                "unmatched. Review, then publish.",
            )
        elif action == "publish":
            started = programs_services.program_publish(
                program=program, actor=signed_in_member(request.user)
            )
            messages.success(
                request, f"Published: {started} mentorships started; everyone is told."
            )
        elif action == "pair":
            try:
                mentee_id = int(request.POST.get("mentee", ""))
                mentor_id = int(request.POST.get("mentor", ""))
            except ValueError:
                raise ValidationError("Choose a mentee and a mentor.") from None
            programs_services.program_pair_set(
                program=program,
                actor=signed_in_member(request.user),
                mentee_id=mentee_id,
                mentor_id=mentor_id,
            )
            messages.success(request, "Paired and fixed.")
        else:
            raise Http404("No such action.")
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    return redirect("mentoring:program_manage", slug=program.slug)


@login_required
@require_POST
def program_pair_action(request: HttpRequest, pair_id: int, action: str) -> HttpResponse:
    pair = access.program_pair_get_for_manager(request.user, pair_id)
    slug = pair.program.slug
    if action in ("fix", "unfix"):
        programs_services.program_pair_fix(
            pair=pair, actor=signed_in_member(request.user), fixed=action == "fix"
        )
    elif action == "remove":
        programs_services.program_pair_remove(pair=pair, actor=signed_in_member(request.user))
    else:
        raise Http404("No such action.")
    return redirect("mentoring:program_manage", slug=slug)
