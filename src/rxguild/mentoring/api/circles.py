"""Mentoring circles: list, start, read one, join, leave, close (same rules as the pages)."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.mentoring import access, selectors
from rxguild.mentoring.api.common import MemberOut, member_out
from rxguild.mentoring.models import Circle, CircleMember
from rxguild.mentoring.services import circles as services

router = Router()


class CircleOut(Schema):
    id: int
    name: str
    about: str
    mentor: MemberOut
    capacity: int
    seats_left: int
    status: str
    created_at: datetime
    is_member: bool
    is_mentor: bool
    group_slug: str | None = Field(None, description="The discussion group: members only")
    members: list[MemberOut] | None = Field(None, description="Members and the mentor only")


class CirclesOut(Schema):
    mine: list[CircleOut]
    open: list[CircleOut]


class CircleIn(Schema):
    name: str = Field(..., max_length=400)
    about: str = Field("", max_length=4000)
    capacity: int = 6


def _out(
    circle: Circle,
    *,
    seats_left: int,
    is_member: bool,
    is_mentor: bool,
    members: list[MemberOut] | None = None,
) -> CircleOut:
    """Who is in it and its group's slug go to its mentor and members only."""
    private = is_member or is_mentor
    return CircleOut(
        id=circle.pk,
        name=circle.name,
        about=circle.about,
        mentor=member_out(circle.mentor),
        capacity=circle.capacity,
        seats_left=seats_left,
        status=circle.status,
        created_at=circle.created_at,
        is_member=is_member,
        is_mentor=is_mentor,
        group_slug=circle.group.slug if private else None,
        members=members if private else None,
    )


def _one(request: HttpRequest, circle_id: int) -> CircleOut:
    seen = access.circle_get_for_viewer(request.user, circle_id)
    seats = CircleMember.objects.filter(circle=seen.circle).select_related("mentee__profile")
    return _out(
        seen.circle,
        seats_left=seen.seats_left,
        is_member=seen.is_member,
        is_mentor=seen.is_mentor,
        members=[member_out(s.mentee) for s in seats] if seen.can_see_members else None,
    )


def _listed(circle: Circle, viewer_id: int, *, mine: bool) -> CircleOut:
    return _out(
        circle,
        seats_left=max(0, circle.capacity - getattr(circle, "taken", 0)),
        is_member=mine and circle.mentor_id != viewer_id,
        is_mentor=circle.mentor_id == viewer_id,
    )


@router.get("/circles", response=CirclesOut, summary="My circles, and open ones with a seat")
def circles_list(request: HttpRequest) -> CirclesOut:
    mine, open_ = selectors.circles_for(request.user)
    viewer_id = request.user.pk or 0
    return CirclesOut(
        mine=[_listed(c, viewer_id, mine=True) for c in mine],
        open=[_listed(c, viewer_id, mine=False) for c in open_],
    )


@router.post("/circles", response={201: CircleOut}, summary="Start a circle (mentors)")
def circle_create(request: HttpRequest, payload: CircleIn) -> tuple[int, CircleOut]:
    circle = services.circle_start(mentor=signed_in_member(request.user), **payload.dict())
    return 201, _one(request, circle.pk)


@router.get("/circles/{circle_id}", response=CircleOut, summary="One circle")
def circle_get(request: HttpRequest, circle_id: int) -> CircleOut:
    return _one(request, circle_id)


@router.post(
    "/circles/{circle_id}/{action}",
    response=CircleOut,
    summary="join or leave (mentees), close to new members (its mentor)",
)
def circle_act(request: HttpRequest, circle_id: int, action: str) -> CircleOut:
    seen = access.circle_get_for_viewer(request.user, circle_id)
    member = signed_in_member(request.user)
    if action == "join":
        services.circle_join(mentee=member, circle=seen.circle)
    elif action == "leave":
        services.circle_leave(mentee=member, circle=seen.circle)
    elif action == "close":
        services.circle_close(mentor=member, circle=seen.circle)
    else:
        raise Http404
    return _one(request, circle_id)
