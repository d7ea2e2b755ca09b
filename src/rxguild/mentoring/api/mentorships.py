"""Recommendations, bookmarks, mentorship requests and the mentorships they open."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.viewer import Viewer, signed_in_member
from rxguild.core.ratelimit import RateLimited
from rxguild.mentoring import access, selectors
from rxguild.mentoring.api.common import ErrorOut, MemberOut, member_out
from rxguild.mentoring.models import (
    Mentorship,
    MentorshipRequest,
)
from rxguild.mentoring.services import mentorships

router = Router()


class ReasonOut(Schema):
    factor: str
    points: float
    text: str


class HeldCredentialOut(Schema):
    code: str
    name: str
    verified: bool = Field(
        ..., description="The wallet verified it: a document staff checked, or a signed badge"
    )


class RecommendationOut(Schema):
    mentor: MemberOut
    score: float
    reasons: list[ReasonOut]
    credentials: list[HeldCredentialOut] = Field(
        ..., description="What the mentor holds, where their profile shows it to members"
    )
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


def _request_out(row: MentorshipRequest) -> RequestOut:
    return RequestOut(
        id=row.pk,
        mentor=member_out(row.mentor),
        mentee=member_out(row.mentee),
        note=row.note,
        status=row.status,
        created_at=row.created_at,
        respond_by=row.respond_by,
        response_note=row.response_note,
    )


def _mentorship_out(row: Mentorship, viewer: Viewer) -> MentorshipOut:
    side = "mentor" if row.mentor_id == viewer.pk else "mentee"
    return MentorshipOut(
        id=row.pk,
        mentor=member_out(row.mentor),
        mentee=member_out(row.mentee),
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
    return [_recommendation_out(card, featured_id) for card in directory.cards]


def _recommendation_out(card: selectors.MentorCard, featured_id: int | None) -> RecommendationOut:
    return RecommendationOut(
        mentor=member_out(card.offer.user),
        score=card.match.score,
        reasons=[
            ReasonOut(factor=r.factor, points=r.points, text=r.text) for r in card.match.reasons
        ],
        credentials=[
            HeldCredentialOut(code=c.code, name=c.name, verified=c.verified)
            for c in card.credentials
        ],
        seats_left=card.seats_left,
        bookmarked=card.bookmarked,
        featured=card.match.mentor_id == featured_id,
    )


@router.post(
    "/bookmarks/{mentor_id}", response=BookmarkOut, summary="Bookmark a mentor or remove it"
)
def bookmark_toggle(request: HttpRequest, mentor_id: int) -> BookmarkOut:
    offer = access.mentor_offer_get_for_viewer(request.user, mentor_id)
    added = mentorships.bookmark_toggle(mentee=signed_in_member(request.user), offer=offer)
    return BookmarkOut(mentor_id=mentor_id, bookmarked=added)


@router.get("/requests", response=list[RequestOut], summary="Requests to me and from me")
def requests_list(request: HttpRequest) -> list[RequestOut]:
    overview = selectors.requests_for(request.user)
    return [_request_out(row) for row in overview.incoming + overview.outgoing]


@router.post(
    "/requests", response={201: RequestOut, 429: ErrorOut}, summary="Ask a mentor to mentor me"
)
def request_create(request: HttpRequest, payload: RequestIn) -> tuple[int, Schema]:
    offer = access.mentor_offer_get_for_viewer(request.user, payload.mentor_id)
    try:
        row = mentorships.mentorship_request_send(
            mentee=signed_in_member(request.user), offer=offer, note=payload.note
        )
    except RateLimited as error:
        return 429, ErrorOut(detail=str(error))
    return 201, _request_out(row)


@router.post("/requests/{request_id}/accept", response=MentorshipOut, summary="Accept (mentor)")
def request_accept(request: HttpRequest, request_id: int) -> MentorshipOut:
    row = access.request_get_for_participant(request.user, request_id)
    mentorship = mentorships.mentorship_request_accept(
        request=row, actor=signed_in_member(request.user)
    )
    mentorship = access.mentorship_get_for_participant(request.user, mentorship.pk)
    return _mentorship_out(mentorship, request.user)


@router.post("/requests/{request_id}/decline", response=RequestOut, summary="Decline (mentor)")
def request_decline(request: HttpRequest, request_id: int, payload: DeclineIn) -> RequestOut:
    row = access.request_get_for_participant(request.user, request_id)
    return _request_out(
        mentorships.mentorship_request_decline(
            request=row, actor=signed_in_member(request.user), note=payload.note
        )
    )


@router.post("/requests/{request_id}/withdraw", response=RequestOut, summary="Withdraw (mentee)")
def request_withdraw(request: HttpRequest, request_id: int) -> RequestOut:
    row = access.request_get_for_participant(request.user, request_id)
    return _request_out(
        mentorships.mentorship_request_withdraw(request=row, actor=signed_in_member(request.user))
    )


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
    row = mentorships.mentorship_close(
        mentorship=row, actor=signed_in_member(request.user), **payload.dict()
    )
    return _mentorship_out(row, request.user)


@router.get(
    "/mentorships/{mentorship_id}/rematch",
    response=list[RecommendationOut],
    summary="The next best mentors after an ended mentorship, its mentor left out (the mentee's)",
)
def mentorship_rematch(request: HttpRequest, mentorship_id: int) -> list[RecommendationOut]:
    row = access.mentorship_get_for_participant(request.user, mentorship_id)
    if not access.may_rematch(request.user, row):
        raise Http404
    return [_recommendation_out(card, None) for card in selectors.rematch_for(request.user, row)]
