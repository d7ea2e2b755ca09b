"""Mentoring programs: joining, and the staff's match, publish and pair edits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.mentoring import access, program_selectors
from rxguild.mentoring.models import Program
from rxguild.mentoring.program_forms import (
    ProgramAgreementForm,
    ProgramJoinForm,
    ProgramQuestionForm,
    question_initial,
)
from rxguild.mentoring.services import programs as programs_services
from rxguild.mentoring.services import questionnaire


@login_required
def programs(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mentoring/programs.html",
        {"programs": program_selectors.programs_for(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def program_detail(request: HttpRequest, slug: str) -> HttpResponse:
    program_access = access.program_get_for_viewer(request.user, slug)
    program = program_access.program
    questions = list(program.questions.all())
    mine = program_selectors.program_my_answers(request.user, program, questions)
    form = ProgramJoinForm(
        request.POST or None, questions=questions, initial=program_selectors.join_initial(mine)
    )
    status = 200
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
                    answers=form.answers(),
                )
                messages.success(request, "You are in. Staff will tell you your match.")
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("mentoring:program", slug=program.slug)
    if form.errors:
        status = 422
    return render(
        request,
        "mentoring/program.html",
        {"access": program_access, "program": program, "form": form, "mine": mine},
        status=status,
    )


def _manage_page(
    request: HttpRequest, program: Program, status: int = 200, **forms: object
) -> HttpResponse:
    questions = list(program.questions.all())
    editing = forms.get("editing")
    question_forms = [
        (
            q,
            forms["question_form"]
            if editing == q.pk
            else ProgramQuestionForm(initial=question_initial(q), prefix=f"q{q.pk}"),
        )
        for q in questions
    ]
    return render(
        request,
        "mentoring/program_manage.html",
        {
            "view": program_selectors.program_admin_view(program, questions),
            "program": program,
            "question_forms": question_forms,
            "new_question_form": forms.get("new_question_form")
            or ProgramQuestionForm(prefix="new"),
            "agreement_form": forms.get("agreement_form")
            or ProgramAgreementForm(
                initial={
                    "agreement_goals": program.agreement_goals,
                    "agreement_cadence": program.agreement_cadence,
                    "agreement_meeting_minutes": program.agreement_meeting_minutes,
                    "agreement_months": program.agreement_months,
                }
            ),
        },
        status=status,
    )


@login_required
def program_manage(request: HttpRequest, slug: str) -> HttpResponse:
    program = access.program_get_for_manager(request.user, slug).program
    return _manage_page(request, program)


@login_required
@require_POST
def program_question_save(request: HttpRequest, slug: str, question_id: int = 0) -> HttpResponse:
    """Add a question (no id) or change one; errors show beside the form that sent them."""
    program = access.program_get_for_manager(request.user, slug).program
    question = access.program_question_get_for_manager(request.user, program, question_id)
    form = ProgramQuestionForm(request.POST, prefix=f"q{question.pk}" if question else "new")
    forms = (
        {"question_form": form, "editing": question.pk} if question else {"new_question_form": form}
    )
    if form.is_valid():
        try:
            questionnaire.program_question_save(
                program=program,
                actor=signed_in_member(request.user),
                spec=form.spec(),
                question=question,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "The questionnaire is saved.")
            return redirect(f"{reverse('mentoring:program_manage', args=[slug])}#questions-h")
    return _manage_page(request, program, status=422, **forms)


@login_required
@require_POST
def program_question_delete(request: HttpRequest, slug: str, question_id: int) -> HttpResponse:
    program = access.program_get_for_manager(request.user, slug).program
    question = access.program_question_get_for_manager(request.user, program, question_id)
    if question is None:
        raise Http404("No such question.")
    try:
        questionnaire.program_question_delete(
            question=question, actor=signed_in_member(request.user)
        )
        messages.success(request, "The question is removed.")
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    return redirect(f"{reverse('mentoring:program_manage', args=[slug])}#questions-h")


@login_required
@require_POST
def program_question_move(
    request: HttpRequest, slug: str, question_id: int, direction: str
) -> HttpResponse:
    program = access.program_get_for_manager(request.user, slug).program
    question = access.program_question_get_for_manager(request.user, program, question_id)
    if question is None or direction not in ("up", "down"):
        raise Http404("No such question.")
    try:
        questionnaire.program_question_move(
            question=question, actor=signed_in_member(request.user), up=direction == "up"
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    return redirect(f"{reverse('mentoring:program_manage', args=[slug])}#questions-h")


@login_required
@require_POST
def program_agreement_defaults(request: HttpRequest, slug: str) -> HttpResponse:
    program = access.program_get_for_manager(request.user, slug).program
    form = ProgramAgreementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            programs_services.program_agreement_defaults_save(
                program=program,
                actor=signed_in_member(request.user),
                goals=data["agreement_goals"],
                cadence=data["agreement_cadence"],
                meeting_minutes=data["agreement_meeting_minutes"],
                months=data["agreement_months"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "The agreement every pair is proposed is saved.")
            return redirect(f"{reverse('mentoring:program_manage', args=[slug])}#agreement-h")
    return _manage_page(request, program, status=422, agreement_form=form)


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
