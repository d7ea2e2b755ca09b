"""JSON API for mentoring, mounted at /api/v1/mentoring/ by rxguild.api.main.

Every endpoint needs a signed-in caller (the API default auth) and goes through the same
access helpers and services as the pages: bad input is a 422 naming the field, nothing else
changes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from rxguild.community.selectors.connections import display_name
from rxguild.core.ratelimit import RateLimited
from rxguild.mentoring import access, options, selectors
from rxguild.mentoring.models import (
    InfoInterviewRequest,
    MenteeWants,
    MentorOffer,
    Mentorship,
    MentorshipRequest,
    Program,
)
from rxguild.mentoring.services import enrolment, interviews, mentorships
from rxguild.mentoring.services import programs as program_services

router = Router(tags=["mentoring"])


class OptionOut(Schema):
    code: str
    name: str


class OptionsOut(Schema):
    topics: list[OptionOut]
    languages: list[OptionOut]
    time_zones: list[OptionOut]
    formats: list[OptionOut]


class MentorOfferIn(Schema):
    specialties: list[str] = Field(default_factory=list, max_length=40)
    practice_settings: list[str] = Field(default_factory=list, max_length=40)
    states: list[str] = Field(default_factory=list, max_length=60)
    topics: list[str] = Field(default_factory=list, max_length=40)
    languages: list[str] = Field(default_factory=list, max_length=20)
    time_zone: str = Field("", max_length=40)
    formats: list[str] = Field(default_factory=list, max_length=4)
    in_person_miles: int | None = Field(None, ge=0, le=10000)
    capacity: int = Field(1, ge=0, le=1000)
    available_from: date | None = None
    available_until: date | None = None
    about: str = Field("", max_length=4000)


class MentorOfferOut(Schema):
    specialties: list[str]
    practice_settings: list[str]
    states: list[str]
    topics: list[str]
    languages: list[str]
    time_zone: str
    formats: list[str]
    in_person_miles: int | None
    capacity: int
    available_from: date | None
    available_until: date | None
    paused: bool
    about: str


class PauseIn(Schema):
    paused: bool


class MenteeWantsIn(Schema):
    target_credential: str = Field("", max_length=60)
    specialties: list[str] = Field(default_factory=list, max_length=40)
    practice_settings: list[str] = Field(default_factory=list, max_length=40)
    topics: list[str] = Field(default_factory=list, max_length=40)
    languages: list[str] = Field(default_factory=list, max_length=20)
    formats: list[str] = Field(default_factory=list, max_length=4)
    outside_employer: bool = False
    same_state: bool = False
    goal: str = Field("", max_length=4000)


class MenteeWantsOut(Schema):
    target_credential: str
    specialties: list[str]
    practice_settings: list[str]
    topics: list[str]
    languages: list[str]
    formats: list[str]
    outside_employer: bool
    same_state: bool
    goal: str


class LeaveOut(Schema):
    requests_withdrawn: int
    close_requested: int


def _offer_out(offer: MentorOffer) -> MentorOfferOut:
    return MentorOfferOut(
        specialties=sorted(s.code for s in offer.specialties.all()),
        practice_settings=sorted(s.code for s in offer.practice_settings.all()),
        states=offer.states,
        topics=offer.topics,
        languages=offer.languages,
        time_zone=offer.time_zone,
        formats=offer.formats,
        in_person_miles=offer.in_person_miles,
        capacity=offer.capacity,
        available_from=offer.available_from,
        available_until=offer.available_until,
        paused=offer.paused,
        about=offer.about,
    )


def _wants_out(wants: MenteeWants) -> MenteeWantsOut:
    return MenteeWantsOut(
        target_credential=wants.target_credential.code if wants.target_credential else "",
        specialties=sorted(s.code for s in wants.specialties.all()),
        practice_settings=sorted(s.code for s in wants.practice_settings.all()),
        topics=wants.topics,
        languages=wants.languages,
        formats=wants.formats,
        outside_employer=wants.outside_employer,
        same_state=wants.same_state,
        goal=wants.goal,
    )


def _as_options(names: dict[str, str]) -> list[OptionOut]:
    return [OptionOut(code=code, name=name) for code, name in names.items()]


@router.get("/options", response=OptionsOut, summary="Topics, languages, time zones, formats")
def options_list(request: HttpRequest) -> OptionsOut:
    return OptionsOut(
        topics=_as_options(options.topics()),
        languages=_as_options(options.languages()),
        time_zones=_as_options(options.time_zones()),
        formats=_as_options(options.FORMATS),
    )


@router.get("/me/mentor", response=MentorOfferOut, summary="My mentor offer (404 if none)")
def mentor_offer_get(request: HttpRequest) -> MentorOfferOut:
    offer = access.mentor_offer_for_owner(request.user)
    if offer is None:
        raise Http404
    return _offer_out(offer)


@router.put("/me/mentor", response=MentorOfferOut, summary="Enrol as a mentor or edit the offer")
def mentor_offer_put(request: HttpRequest, payload: MentorOfferIn) -> MentorOfferOut:
    offer = enrolment.mentor_offer_save(user=request.user, **payload.dict())
    return _offer_out(offer)


@router.post("/me/mentor/pause", response=MentorOfferOut, summary="Pause or resume requests")
def mentor_offer_pause(request: HttpRequest, payload: PauseIn) -> MentorOfferOut:
    offer = access.mentor_offer_for_owner(request.user)
    if offer is None:
        raise Http404
    return _offer_out(enrolment.mentor_offer_pause(offer=offer, paused=payload.paused))


@router.delete("/me/mentor", response=LeaveOut, summary="Leave as a mentor")
def mentor_offer_leave(request: HttpRequest) -> LeaveOut:
    if access.mentor_offer_for_owner(request.user) is None:
        raise Http404
    outcome = enrolment.mentor_offer_leave(user=request.user)
    return LeaveOut(
        requests_withdrawn=outcome.requests_withdrawn, close_requested=outcome.close_requested
    )


@router.get("/me/mentee", response=MenteeWantsOut, summary="What I look for as a mentee")
def mentee_wants_get(request: HttpRequest) -> MenteeWantsOut:
    wants = access.mentee_wants_for_owner(request.user)
    if wants is None:
        raise Http404
    return _wants_out(wants)


@router.put("/me/mentee", response=MenteeWantsOut, summary="Enrol as a mentee or edit")
def mentee_wants_put(request: HttpRequest, payload: MenteeWantsIn) -> MenteeWantsOut:
    return _wants_out(enrolment.mentee_wants_save(user=request.user, **payload.dict()))


@router.delete("/me/mentee", response=LeaveOut, summary="Leave as a mentee")
def mentee_wants_leave(request: HttpRequest) -> LeaveOut:
    if access.mentee_wants_for_owner(request.user) is None:
        raise Http404
    outcome = enrolment.mentee_wants_leave(user=request.user)
    return LeaveOut(
        requests_withdrawn=outcome.requests_withdrawn, close_requested=outcome.close_requested
    )


# --- Recommendations, requests, mentorships -------------------------------------------------


class ReasonOut(Schema):
    factor: str
    points: float
    text: str


class MemberOut(Schema):
    id: int
    handle: str
    display_name: str


class RecommendationOut(Schema):
    mentor: MemberOut
    score: float
    reasons: list[ReasonOut]
    seats_left: int
    bookmarked: bool
    featured: bool


class RequestIn(Schema):
    mentor_id: int
    note: str = Field("", max_length=4000)


class RequestOut(Schema):
    id: int
    mentor: MemberOut
    mentee: MemberOut
    note: str
    status: str
    created_at: datetime
    respond_by: datetime
    response_note: str


class DeclineIn(Schema):
    note: str = Field("", max_length=1000)


class MentorshipOut(Schema):
    id: int
    mentor: MemberOut
    mentee: MemberOut
    status: str
    goals: str
    started_at: datetime
    ended_at: datetime | None
    close_requested: bool
    my_rating: int | None
    my_comment: str


class CloseIn(Schema):
    outcome: str = Field(..., description="completed, withdrawn, paused or active")
    rating: int | None = Field(None, ge=1, le=5)
    comment: str = Field("", max_length=1000)


class BookmarkOut(Schema):
    mentor_id: int
    bookmarked: bool


def _member(user: Any) -> MemberOut:
    profile = getattr(user, "profile", None)
    return MemberOut(
        id=user.pk,
        handle=profile.handle if profile else "",
        display_name=display_name(user),
    )


def _request_out(row: MentorshipRequest) -> RequestOut:
    return RequestOut(
        id=row.pk,
        mentor=_member(row.mentor),
        mentee=_member(row.mentee),
        note=row.note,
        status=row.status,
        created_at=row.created_at,
        respond_by=row.respond_by,
        response_note=row.response_note,
    )


def _mentorship_out(row: Mentorship, viewer: Any) -> MentorshipOut:
    side = "mentor" if row.mentor_id == viewer.pk else "mentee"
    return MentorshipOut(
        id=row.pk,
        mentor=_member(row.mentor),
        mentee=_member(row.mentee),
        status=row.status,
        goals=row.goals,
        started_at=row.started_at,
        ended_at=row.ended_at,
        close_requested=row.close_requested_at is not None,
        my_rating=getattr(row, f"{side}_rating"),
        my_comment=getattr(row, f"{side}_comment"),
    )


@router.get(
    "/recommendations",
    response=list[RecommendationOut],
    summary="Mentors ranked for me as a mentee, with reasons (404 if not enrolled)",
)
def recommendations(
    request: HttpRequest,
    specialty: str = "",
    setting: str = "",
    state: str = "",
    language: str = "",
    format: str = "",
) -> list[RecommendationOut]:
    filters = selectors.MentorFilters(
        specialty=specialty[:60],
        setting=setting[:60],
        state=state[:2].upper(),
        language=language[:10],
        format=format[:20],
    )
    directory = selectors.mentor_directory(request.user, filters=filters)
    if directory.wants is None:
        raise Http404
    featured_id = directory.featured.match.mentor_id if directory.featured else None
    return [
        RecommendationOut(
            mentor=_member(card.offer.user),
            score=card.match.score,
            reasons=[
                ReasonOut(factor=r.factor, points=r.points, text=r.text) for r in card.match.reasons
            ],
            seats_left=card.seats_left,
            bookmarked=card.bookmarked,
            featured=card.match.mentor_id == featured_id,
        )
        for card in directory.cards
    ]


@router.post(
    "/bookmarks/{mentor_id}", response=BookmarkOut, summary="Bookmark a mentor or remove it"
)
def bookmark_toggle(request: HttpRequest, mentor_id: int) -> BookmarkOut:
    offer = access.mentor_offer_get_for_viewer(request.user, mentor_id)
    added = mentorships.bookmark_toggle(mentee=request.user, offer=offer)
    return BookmarkOut(mentor_id=mentor_id, bookmarked=added)


@router.get("/requests", response=list[RequestOut], summary="Requests to me and from me")
def requests_list(request: HttpRequest) -> list[RequestOut]:
    overview = selectors.requests_for(request.user)
    return [_request_out(row) for row in overview.incoming + overview.outgoing]


class ErrorOut(Schema):
    detail: str


@router.post(
    "/requests", response={201: RequestOut, 429: ErrorOut}, summary="Ask a mentor to mentor me"
)
def request_create(request: HttpRequest, payload: RequestIn) -> tuple[int, Schema]:
    offer = access.mentor_offer_get_for_viewer(request.user, payload.mentor_id)
    try:
        row = mentorships.mentorship_request_send(
            mentee=request.user, offer=offer, note=payload.note
        )
    except RateLimited as error:
        return 429, ErrorOut(detail=str(error))
    return 201, _request_out(row)


@router.post("/requests/{request_id}/accept", response=MentorshipOut, summary="Accept (mentor)")
def request_accept(request: HttpRequest, request_id: int) -> MentorshipOut:
    row = access.request_get_for_participant(request.user, request_id)
    mentorship = mentorships.mentorship_request_accept(request=row, actor=request.user)
    mentorship = access.mentorship_get_for_participant(request.user, mentorship.pk)
    return _mentorship_out(mentorship, request.user)


@router.post("/requests/{request_id}/decline", response=RequestOut, summary="Decline (mentor)")
def request_decline(request: HttpRequest, request_id: int, payload: DeclineIn) -> RequestOut:
    row = access.request_get_for_participant(request.user, request_id)
    return _request_out(
        mentorships.mentorship_request_decline(request=row, actor=request.user, note=payload.note)
    )


@router.post("/requests/{request_id}/withdraw", response=RequestOut, summary="Withdraw (mentee)")
def request_withdraw(request: HttpRequest, request_id: int) -> RequestOut:
    row = access.request_get_for_participant(request.user, request_id)
    return _request_out(mentorships.mentorship_request_withdraw(request=row, actor=request.user))


@router.get("/mentorships", response=list[MentorshipOut], summary="My open mentorships")
def mentorships_list(request: HttpRequest) -> list[MentorshipOut]:
    return [_mentorship_out(m, request.user) for m in selectors.mentorships_open_for(request.user)]


@router.get("/mentorships/{mentorship_id}", response=MentorshipOut, summary="One of my mentorships")
def mentorship_get(request: HttpRequest, mentorship_id: int) -> MentorshipOut:
    return _mentorship_out(
        access.mentorship_get_for_participant(request.user, mentorship_id), request.user
    )


@router.post(
    "/mentorships/{mentorship_id}/close",
    response=MentorshipOut,
    summary="Complete, withdraw, pause or resume a mentorship, with my rating",
)
def mentorship_close(request: HttpRequest, mentorship_id: int, payload: CloseIn) -> MentorshipOut:
    row = access.mentorship_get_for_participant(request.user, mentorship_id)
    row = mentorships.mentorship_close(mentorship=row, actor=request.user, **payload.dict())
    return _mentorship_out(row, request.user)


# --- Informational interviews ------------------------------------------------------------


class InfoOfferIn(Schema):
    role_summary: str = Field(..., max_length=600)
    contact: str = Field(..., max_length=400)
    monthly_cap: int = Field(2, ge=0, le=1000)
    practice_setting: str = Field("", max_length=60)
    is_open: bool = True


class InfoHostOut(Schema):
    host: MemberOut
    role_summary: str
    practice_setting: str


class InfoRequestIn(Schema):
    host_id: int
    minutes: int = 15
    agenda: str = Field(..., max_length=6000)
    times: str = Field("", max_length=600)


class InfoAnswerIn(Schema):
    note: str = Field("", max_length=1000)
    times: str = Field("", max_length=600)


class InfoLogIn(Schema):
    held_on: date
    learned: str = Field("", max_length=8000)


class InfoRequestOut(Schema):
    id: int
    requester: MemberOut
    host: MemberOut
    minutes: int
    agenda: str
    times: str
    status: str
    host_times: str
    host_note: str
    host_contact: str = Field(description="Shown to the requester only once accepted")
    in_tracker: bool


def _info_out(row: InfoInterviewRequest, contact: str = "") -> InfoRequestOut:
    return InfoRequestOut(
        id=row.pk,
        requester=_member(row.requester),
        host=_member(row.host),
        minutes=row.minutes,
        agenda=row.agenda,
        times=row.times,
        status=row.status,
        host_times=row.host_times,
        host_note=row.host_note,
        host_contact=contact,
        in_tracker=row.tracker_interview_id is not None,
    )


class InfoOfferOut(Schema):
    is_open: bool
    role_summary: str
    monthly_cap: int
    contact: str


@router.put("/me/interviews", response=InfoOfferOut, summary="Open my role to chats")
def info_offer_put(request: HttpRequest, payload: InfoOfferIn) -> InfoOfferOut:
    offer = interviews.info_offer_save(user=request.user, **payload.dict())
    return InfoOfferOut(
        is_open=offer.is_open,
        role_summary=offer.role_summary,
        monthly_cap=offer.monthly_cap,
        contact=offer.contact,
    )


@router.get("/interviews/hosts", response=list[InfoHostOut], summary="Members open to chats")
def info_hosts(request: HttpRequest) -> list[InfoHostOut]:
    return [
        InfoHostOut(
            host=_member(offer.user),
            role_summary=offer.role_summary,
            practice_setting=offer.practice_setting.code if offer.practice_setting else "",
        )
        for offer in selectors.interviews_for(request.user).hosts
    ]


@router.get("/interviews", response=list[InfoRequestOut], summary="My interview requests")
def info_requests(request: HttpRequest) -> list[InfoRequestOut]:
    overview = selectors.interviews_for(request.user)
    return [_info_out(r) for r in overview.incoming] + [
        _info_out(r, contact) for r, contact in overview.outgoing
    ]


@router.post("/interviews", response={201: InfoRequestOut, 429: ErrorOut}, summary="Ask for a chat")
def info_request_create(request: HttpRequest, payload: InfoRequestIn) -> tuple[int, Schema]:
    offer = access.info_offer_get_for_viewer(request.user, payload.host_id)
    try:
        row = interviews.info_request_send(
            requester=request.user,
            offer=offer,
            minutes=payload.minutes,
            agenda=payload.agenda,
            times=payload.times,
        )
    except RateLimited as error:
        return 429, ErrorOut(detail=str(error))
    return 201, _info_out(row)


@router.post(
    "/interviews/{request_id}/answer/{answer}",
    response=InfoRequestOut,
    summary="accept, decline, propose (host) or withdraw (requester)",
)
def info_request_answer(
    request: HttpRequest, request_id: int, answer: str, payload: InfoAnswerIn
) -> InfoRequestOut:
    row = access.info_request_get_for_participant(request.user, request_id)
    row = interviews.info_request_answer(
        request=row, actor=request.user, answer=answer, note=payload.note, times=payload.times
    )
    return _info_out(row)


@router.post(
    "/interviews/{request_id}/log", response=InfoRequestOut, summary="Save to my job tracker"
)
def info_request_log(request: HttpRequest, request_id: int, payload: InfoLogIn) -> InfoRequestOut:
    row = access.info_request_get_for_participant(request.user, request_id)
    row = interviews.info_request_save_to_tracker(
        request=row, actor=request.user, held_on=payload.held_on, learned=payload.learned
    )
    return _info_out(row)


# --- Programs ----------------------------------------------------------------------------


class ProgramOut(Schema):
    slug: str
    name: str
    organizer: str
    status: str
    enrol_opens: date
    enrol_closes: date
    question: str
    my_roles: list[str]


class ProgramJoinIn(Schema):
    role: str
    answer: str = Field("", max_length=4000)


class ProgramPairOut(Schema):
    id: int
    mentor: MemberOut
    mentee: MemberOut
    score: float
    reasons: list[str]
    fixed: bool


class UnmatchedOut(Schema):
    mentee: MemberOut
    why: str


class ProposalOut(Schema):
    status: str
    pairs: list[ProgramPairOut]
    unmatched: list[UnmatchedOut]


def _program_out(program: Program, roles: set[str]) -> ProgramOut:
    return ProgramOut(
        slug=program.slug,
        name=program.name,
        organizer=program.organizer,
        status=program.status,
        enrol_opens=program.enrol_opens,
        enrol_closes=program.enrol_closes,
        question=program.question,
        my_roles=sorted(roles),
    )


def _proposal_out(program: Program) -> ProposalOut:
    view = selectors.program_admin_view(program)
    return ProposalOut(
        status=program.status,
        pairs=[
            ProgramPairOut(
                id=p.pk,
                mentor=_member(p.mentor),
                mentee=_member(p.mentee),
                score=p.score,
                reasons=p.reasons,
                fixed=p.fixed,
            )
            for p in view.pairs
        ],
        unmatched=[UnmatchedOut(mentee=_member(p.user), why=why) for p, why in view.unmatched],
    )


@router.get("/programs", response=list[ProgramOut], summary="Mentoring programs")
def programs_list(request: HttpRequest) -> list[ProgramOut]:
    return [_program_out(p, roles) for p, roles in selectors.programs_for(request.user)]


@router.post("/programs/{slug}/join", response=ProgramOut, summary="Join as mentor or mentee")
def program_join(request: HttpRequest, slug: str, payload: ProgramJoinIn) -> ProgramOut:
    program = access.program_get_for_viewer(request.user, slug).program
    program_services.program_join(
        program=program, user=request.user, role=payload.role, answer=payload.answer
    )
    return _program_out(program, selectors.program_roles(request.user, program))


@router.get(
    "/programs/{slug}/proposal", response=ProposalOut, summary="The proposal (program staff)"
)
def program_proposal(request: HttpRequest, slug: str) -> ProposalOut:
    program = access.program_get_for_manager(request.user, slug).program
    return _proposal_out(program)


@router.post(
    "/programs/{slug}/match", response=ProposalOut, summary="Match everyone (program staff)"
)
def program_match(request: HttpRequest, slug: str) -> ProposalOut:
    program = access.program_get_for_manager(request.user, slug).program
    program_services.program_match_everyone(program=program, actor=request.user)
    program.refresh_from_db()
    return _proposal_out(program)


@router.post("/programs/{slug}/publish", response=ProposalOut, summary="Publish (program staff)")
def program_publish(request: HttpRequest, slug: str) -> ProposalOut:
    program = access.program_get_for_manager(request.user, slug).program
    program_services.program_publish(program=program, actor=request.user)
    program.refresh_from_db()
    return _proposal_out(program)
