"""Pages of mentoring. Thin: each view reads through access/selectors, calls one service and
renders. Every change is a POST that works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.mentoring import access, selectors
from rxguild.mentoring.forms import (
    CheckInForm,
    CloseForm,
    DeclineForm,
    InfoAnswerForm,
    InfoLogForm,
    InfoOfferForm,
    InfoRequestForm,
    MenteeWantsForm,
    MentorFilterForm,
    MentorOfferForm,
    NoteForm,
    ProgramJoinForm,
    RateForm,
    RequestForm,
    mentee_wants_initial,
    mentor_offer_initial,
)
from rxguild.mentoring.ical import check_in_to_ical
from rxguild.mentoring.models import AGENDA_TEMPLATE, CheckIn, Mentorship, MentorshipNote
from rxguild.mentoring.services import enrolment, mentorships
from rxguild.mentoring.services import interviews as interview_services
from rxguild.mentoring.services import programs as programs_services
from rxguild.mentoring.services.enrolment import LeaveOutcome


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "mentoring/home.html", {"overview": selectors.mentoring_overview(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def mentor_edit(request: HttpRequest) -> HttpResponse:
    offer = access.mentor_offer_for_owner(request.user)
    if request.method == "POST":
        form = MentorOfferForm(request.POST)
        if form.is_valid():
            try:
                enrolment.mentor_offer_save(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request, "Your mentor offer is saved." if offer else "You are now a mentor."
                )
                return redirect("mentoring:home")
    else:
        form = MentorOfferForm(initial=mentor_offer_initial(offer) if offer else None)
    return render(request, "mentoring/mentor_form.html", {"form": form, "offer": offer})


@login_required
@require_POST
def mentor_pause(request: HttpRequest) -> HttpResponse:
    offer = access.mentor_offer_for_owner(request.user)
    if offer is None:
        messages.error(request, "You are not enrolled as a mentor.")
        return redirect("mentoring:home")
    paused = request.POST.get("paused") == "1"
    enrolment.mentor_offer_pause(offer=offer, paused=paused)
    messages.success(
        request,
        "Paused: nobody new can ask you until you resume. Your mentorships go on."
        if paused
        else "You are taking mentee requests again.",
    )
    return redirect("mentoring:home")


def _left_message(role: str, outcome: LeaveOutcome) -> str:
    parts = [f"You have left mentoring as a {role}."]
    if outcome.requests_withdrawn:
        parts.append(f"{outcome.requests_withdrawn} pending request(s) withdrawn.")
    if outcome.close_requested:
        parts.append(
            f"{outcome.close_requested} open mentorship(s) are asked to close: close each "
            "below when you have said goodbye."
        )
    return " ".join(parts)


@login_required
@require_http_methods(["GET", "POST"])
def mentor_leave(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        outcome = enrolment.mentor_offer_leave(user=request.user)
        messages.success(request, _left_message("mentor", outcome))
        return redirect("mentoring:home")
    overview = selectors.mentoring_overview(request.user)
    return render(
        request,
        "mentoring/leave.html",
        {
            "role": "mentor",
            "mentorships": [m for m in overview.mentorships if m.mentor_id == request.user.pk],
            "requests": overview.requests_in,
            "action": "mentoring:mentor_leave",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mentee_edit(request: HttpRequest) -> HttpResponse:
    wants = access.mentee_wants_for_owner(request.user)
    if request.method == "POST":
        form = MenteeWantsForm(request.POST)
        if form.is_valid():
            try:
                enrolment.mentee_wants_save(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Saved." if wants else "You are enrolled as a mentee.")
                return redirect("mentoring:home")
    else:
        form = MenteeWantsForm(initial=mentee_wants_initial(wants) if wants else None)
    return render(request, "mentoring/mentee_form.html", {"form": form, "wants": wants})


@login_required
@require_http_methods(["GET", "POST"])
def mentee_leave(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        outcome = enrolment.mentee_wants_leave(user=request.user)
        messages.success(request, _left_message("mentee", outcome))
        return redirect("mentoring:home")
    overview = selectors.mentoring_overview(request.user)
    return render(
        request,
        "mentoring/leave.html",
        {
            "role": "mentee",
            "mentorships": [m for m in overview.mentorships if m.mentee_id == request.user.pk],
            "requests": overview.requests_out,
            "action": "mentoring:mentee_leave",
        },
    )


# --- Finding a mentor --------------------------------------------------------------------


@login_required
def mentors(request: HttpRequest) -> HttpResponse:
    form = MentorFilterForm(request.GET or None)
    filters = selectors.MentorFilters(**form.cleaned_data) if form.is_valid() else None
    directory = selectors.mentor_directory(request.user, filters=filters)
    return render(
        request,
        "mentoring/mentors.html",
        {
            "directory": directory,
            "filter_form": form,
            "request_form": RequestForm(),
            "bookmarks": selectors.bookmarks_for(request.user),
        },
    )


@login_required
@require_POST
def request_send(request: HttpRequest, mentor_id: int) -> HttpResponse:
    offer = access.mentor_offer_get_for_viewer(request.user, mentor_id)
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Keep the note under 2,000 characters.")
        return redirect("mentoring:mentors")
    try:
        mentorships.mentorship_request_send(
            mentee=request.user, offer=offer, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
        return redirect("mentoring:mentors")
    except PermissionDenied as error:  # a block, a suspension or the daily limit
        messages.error(request, str(error))
        return redirect("mentoring:mentors")
    messages.success(
        request,
        f"Request sent. They have {mentorships.RESPONSE_DAYS} days to answer; we'll email you.",
    )
    return redirect("mentoring:requests")


@login_required
@require_POST
def bookmark_toggle(request: HttpRequest, mentor_id: int) -> HttpResponse:
    offer = access.mentor_offer_get_for_viewer(request.user, mentor_id)
    try:
        added = mentorships.bookmark_toggle(mentee=request.user, offer=offer)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, "Bookmarked." if added else "Bookmark removed.")
    return redirect("mentoring:mentors")


@login_required
def requests_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mentoring/requests.html",
        {"overview": selectors.requests_for(request.user), "decline_form": DeclineForm()},
    )


@login_required
@require_POST
def request_answer(request: HttpRequest, request_id: int, action: str) -> HttpResponse:
    mentorship_request = access.request_get_for_participant(request.user, request_id)
    try:
        if action == "accept":
            mentorship = mentorships.mentorship_request_accept(
                request=mentorship_request, actor=request.user
            )
            messages.success(request, "Accepted. Say hello and agree your goals.")
            return redirect("mentoring:mentorship", mentorship.pk)
        if action == "decline":
            form = DeclineForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            mentorships.mentorship_request_decline(
                request=mentorship_request, actor=request.user, note=note
            )
            messages.success(request, "Declined; they have been told.")
        elif action == "withdraw":
            mentorships.mentorship_request_withdraw(request=mentorship_request, actor=request.user)
            messages.success(request, "Request withdrawn.")
        else:
            raise Http404("No such action.")
    except (ValidationError, PermissionDenied) as error:
        text = service_error_text(error) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    return redirect("mentoring:requests")


# --- A mentorship ------------------------------------------------------------------------


@login_required
def mentorship_detail(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    return render(request, "mentoring/mentorship.html", _mentorship_context(request, mentorship))


def _mentorship_context(
    request: HttpRequest, mentorship: Mentorship, **forms: object
) -> dict[str, object]:
    is_mentor = mentorship.mentor_id == request.user.pk
    side = "mentor" if is_mentor else "mentee"
    return {
        "check_ins": list(
            CheckIn.objects.filter(mentorship=mentorship, starts_at__gte=timezone.now())
        ),
        "notes": list(
            MentorshipNote.objects.filter(access.notes_visible_to(request.user, mentorship))
        ),
        "check_in_form": forms.get("check_in_form") or CheckInForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "mentorship": mentorship,
        "is_mentor": is_mentor,
        "other": mentorship.mentee if is_mentor else mentorship.mentor,
        "my_rating": getattr(mentorship, f"{side}_rating"),
        "my_comment": getattr(mentorship, f"{side}_comment"),
        "close_form": forms.get("close_form") or CloseForm(),
        "rate_form": forms.get("rate_form") or RateForm(),
    }


@login_required
@require_POST
def mentorship_close(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            mentorships.mentorship_close(
                mentorship=mentorship, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("mentoring:mentorship", mentorship.pk)
    context = _mentorship_context(request, mentorship, close_form=form)
    return render(request, "mentoring/mentorship.html", context, status=422)


@login_required
@require_POST
def mentorship_rate(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            mentorships.mentorship_rate(
                mentorship=mentorship, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Thank you for your rating.")
            return redirect("mentoring:mentorship", mentorship.pk)
    context = _mentorship_context(request, mentorship, rate_form=form)
    return render(request, "mentoring/mentorship.html", context, status=422)


# --- Programs ----------------------------------------------------------------------------


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
                    program=program, user=request.user, role=form.cleaned_data["role"]
                )
                messages.success(request, "You have left the program.")
            else:
                programs_services.program_join(
                    program=program,
                    user=request.user,
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
            proposal = programs_services.program_match_everyone(program=program, actor=request.user)
            messages.success(
                request,
                f"Proposal ready: {len(proposal.pairs)} pairs, {len(proposal.unmatched)} "
                "unmatched. Review, then publish.",
            )
        elif action == "publish":
            started = programs_services.program_publish(program=program, actor=request.user)
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
                program=program, actor=request.user, mentee_id=mentee_id, mentor_id=mentor_id
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
        programs_services.program_pair_fix(pair=pair, actor=request.user, fixed=action == "fix")
    elif action == "remove":
        programs_services.program_pair_remove(pair=pair, actor=request.user)
    else:
        raise Http404("No such action.")
    return redirect("mentoring:program_manage", slug=slug)


# --- Informational interviews ------------------------------------------------------------


@login_required
def interviews(request: HttpRequest) -> HttpResponse:
    overview = selectors.interviews_for(request.user)
    offer = overview.my_offer
    initial = (
        {
            "is_open": offer.is_open,
            "role_summary": offer.role_summary,
            "practice_setting": offer.practice_setting.code if offer.practice_setting else "",
            "monthly_cap": offer.monthly_cap,
            "contact": offer.contact,
        }
        if offer
        else None
    )
    return render(
        request,
        "mentoring/interviews.html",
        {
            "overview": overview,
            "offer_form": InfoOfferForm(initial=initial),
            "log_form": InfoLogForm(initial={"held_on": timezone.localdate()}),
        },
    )


@login_required
@require_POST
def interview_offer(request: HttpRequest) -> HttpResponse:
    form = InfoOfferForm(request.POST)
    if form.is_valid():
        try:
            interview_services.info_offer_save(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("mentoring:interviews")
    overview = selectors.interviews_for(request.user)
    context = {"overview": overview, "offer_form": form, "log_form": InfoLogForm()}
    return render(request, "mentoring/interviews.html", context, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def interview_request(request: HttpRequest, host_id: int) -> HttpResponse:
    offer = access.info_offer_get_for_viewer(request.user, host_id)
    form = InfoRequestForm(request.POST or None, initial={"agenda": AGENDA_TEMPLATE})
    if request.method == "POST" and form.is_valid():
        try:
            interview_services.info_request_send(
                requester=request.user, offer=offer, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        except PermissionDenied as error:  # a suspension or the daily limit
            form.add_error(None, str(error))
        else:
            messages.success(request, "Request sent; we'll email you the answer.")
            return redirect("mentoring:interviews")
    return render(request, "mentoring/interview_request.html", {"offer": offer, "form": form})


@login_required
@require_POST
def interview_answer(request: HttpRequest, request_id: int, answer: str) -> HttpResponse:
    row = access.info_request_get_for_participant(request.user, request_id)
    form = InfoAnswerForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"note": "", "times": ""}
    try:
        interview_services.info_request_answer(
            request=row, actor=request.user, answer=answer, **data
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Saved; they have been told.")
    return redirect("mentoring:interviews")


@login_required
@require_POST
def interview_log(request: HttpRequest, request_id: int) -> HttpResponse:
    row = access.info_request_get_for_participant(request.user, request_id)
    form = InfoLogForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the date you talked.")
        return redirect("mentoring:interviews")
    try:
        interview_services.info_request_save_to_tracker(
            request=row, actor=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Saved to your job tracker's informational-interview log.")
    return redirect("mentoring:interviews")


# --- Check-ins and notes -----------------------------------------------------------------


@login_required
@require_POST
def check_in_schedule(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            mentorships.check_in_schedule(
                mentorship=mentorship, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Check-in scheduled; they have been emailed.")
            return redirect("mentoring:mentorship", mentorship.pk)
    context = _mentorship_context(request, mentorship, check_in_form=form)
    return render(request, "mentoring/mentorship.html", context, status=422)


@login_required
def check_in_ics(request: HttpRequest, check_in_id: int) -> HttpResponse:
    check_in = access.check_in_get_for_participant(request.user, check_in_id)
    response = HttpResponse(
        check_in_to_ical(check_in, viewer_id=request.user.pk or 0),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="check-in-{check_in.pk}.ics"'
    return response


@login_required
@require_POST
def note_add(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            mentorships.mentorship_note_add(
                mentorship=mentorship, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Note saved.")
            return redirect("mentoring:mentorship", mentorship.pk)
    context = _mentorship_context(request, mentorship, note_form=form)
    return render(request, "mentoring/mentorship.html", context, status=422)
