"""Circle invitations: the mentor invites a member by handle (found with community's
`GET /api/v1/community/member-search`) and lists what they sent; the member invited reads
and answers. Same access and services as the pages; anyone else gets a 404."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.selectors.directory import member_get_for_viewer
from rxguild.mentoring import access, invitations
from rxguild.mentoring.api.common import MemberOut, member_out
from rxguild.mentoring.models import CircleInvitation
from rxguild.mentoring.services import circles as services

router = Router()


class CircleInvitationOut(Schema):
    id: int
    circle_id: int
    circle_name: str
    mentor: MemberOut
    invitee: MemberOut
    status: str = Field(..., description="pending, accepted or declined")
    created_at: datetime
    answered_at: datetime | None


class InviteIn(Schema):
    handle: str = Field(..., max_length=100, description="The member's handle")


def _out(invitation: CircleInvitation) -> CircleInvitationOut:
    return CircleInvitationOut(
        id=invitation.pk,
        circle_id=invitation.circle_id,
        circle_name=invitation.circle.name,
        mentor=member_out(invitation.circle.mentor),
        invitee=member_out(invitation.invitee),
        status=invitation.status,
        created_at=invitation.created_at,
        answered_at=invitation.answered_at,
    )


def _mentor_circle(request: HttpRequest, circle_id: int) -> access.CircleAccess:
    seen = access.circle_get_for_viewer(request.user, circle_id)
    if not seen.is_mentor:
        raise Http404("No such circle.")
    return seen


def _one(request: HttpRequest, circle_id: int, invitation_id: int) -> CircleInvitation:
    invitation = access.circle_invitation_get_for_viewer(request.user, invitation_id)
    if invitation.circle_id != circle_id:
        raise Http404("No such invitation.")
    return invitation


@router.get(
    "/circles/invitations",
    response=list[CircleInvitationOut],
    summary="Circle invitations waiting for my answer",
)
def invitations_to_me(request: HttpRequest) -> list[CircleInvitationOut]:
    return [_out(i) for i in invitations.invitations_to(signed_in_member(request.user))]


@router.get(
    "/circles/{circle_id}/invitations",
    response=list[CircleInvitationOut],
    summary="The invitations of my circle (its mentor)",
)
def circle_invitations_list(request: HttpRequest, circle_id: int) -> list[CircleInvitationOut]:
    seen = _mentor_circle(request, circle_id)
    rows = invitations.invitations_of_circle(seen.circle)
    for row in rows:
        row.circle = seen.circle  # already read: no query per row
    return [_out(row) for row in rows]


@router.post(
    "/circles/{circle_id}/invitations",
    response={201: CircleInvitationOut},
    summary="Invite a member to my circle (its mentor)",
)
def circle_invitation_create(
    request: HttpRequest, circle_id: int, payload: InviteIn
) -> tuple[int, CircleInvitationOut]:
    seen = _mentor_circle(request, circle_id)
    invitee, _ = member_get_for_viewer(request.user, payload.handle.strip().lstrip("@").lower())
    invitation = services.circle_invite(
        mentor=signed_in_member(request.user), circle=seen.circle, invitee=invitee
    )
    return 201, _out(_one(request, circle_id, invitation.pk))


@router.get(
    "/circles/{circle_id}/invitations/{invitation_id}",
    response=CircleInvitationOut,
    summary="One invitation (its circle's mentor, the member invited)",
)
def circle_invitation_get(
    request: HttpRequest, circle_id: int, invitation_id: int
) -> CircleInvitationOut:
    return _out(_one(request, circle_id, invitation_id))


@router.post(
    "/circles/{circle_id}/invitations/{invitation_id}/{answer}",
    response=CircleInvitationOut,
    summary="accept or decline (the member invited)",
)
def circle_invitation_answer(
    request: HttpRequest, circle_id: int, invitation_id: int, answer: str
) -> CircleInvitationOut:
    invitation = _one(request, circle_id, invitation_id)
    if answer not in ("accept", "decline"):
        raise Http404("No such answer.")
    services.circle_invitation_answer(
        invitee=signed_in_member(request.user), invitation=invitation, accept=answer == "accept"
    )
    return _out(_one(request, circle_id, invitation_id))
