"""Mentoring circles: a mentor starts one, mentees join up to its capacity and leave.

The discussion space is a community group, invite-only (hidden from everyone else), made by
community's `group_create` with the mentor as its owner. Joining the circle is the invitation:
the service adds the mentee's group membership itself, because an invite-only group otherwise
takes a second step (invite, then accept). The mentor may also invite a member by name
(`circle_invite`); the seat is taken only when they accept. Seats (joins and accepted
invitations alike) are counted under a lock on the circle row, so two mentees taking the
last seat at once can't both get it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import Group, Membership, NotificationKind
from rxguild.community.selectors.connections import is_blocked_between
from rxguild.community.services.common import require_participant
from rxguild.community.services.groups import group_create
from rxguild.mentoring.models import (
    CIRCLE_CAPACITY,
    Circle,
    CircleInvitation,
    CircleMember,
    MentorOffer,
)
from rxguild.mentoring.notices import name_of, tell

ABOUT_MAX = 2000


@transaction.atomic
def circle_start(*, mentor: User, name: str, about: str = "", capacity: int = 6) -> Circle:
    require_participant(mentor)
    if not MentorOffer.objects.filter(user=mentor).exists():
        raise ValidationError("Enrol as a mentor first to run a circle.")
    errors: dict[str, str] = {}
    name, about = name.strip(), about.strip()
    if not name:
        errors["name"] = "Give the circle a name."
    elif len(name) > 120:
        errors["name"] = "Keep the name under 120 characters."
    if len(about) > ABOUT_MAX:
        errors["about"] = f"Keep it under {ABOUT_MAX:,} characters."
    low, high = CIRCLE_CAPACITY
    if not low <= capacity <= high:
        errors["capacity"] = f"A circle takes {low} to {high} mentees."
    if errors:
        raise ValidationError(errors)
    group = group_create(
        actor=mentor,
        data={
            "name": f"Circle: {name}"[:120],
            "description": about,
            "visibility": Group.Visibility.INVITE,
        },
    )
    return Circle.objects.create(
        mentor=mentor, name=name, about=about, capacity=capacity, group=group
    )


@transaction.atomic
def circle_join(*, mentee: User, circle: Circle) -> CircleMember:
    """Take a seat (the circle reached through access.circle_get_for_viewer, which hides
    circles whose mentor is in a block with the viewer)."""
    return _take_seat(mentee=mentee, circle=_locked(circle.pk))


def _locked(circle_id: int) -> Circle:
    """The circle row, locked: every seat is counted under this lock (joins and accepted
    invitations alike), so two members can't both take the last seat."""
    return Circle.objects.select_for_update(of=("self",)).select_related("mentor").get(pk=circle_id)


def _require_room(circle: Circle) -> None:
    if circle.status != Circle.Status.OPEN:
        raise ValidationError("This circle is closed to new members.")
    if CircleMember.objects.filter(circle=circle).count() >= circle.capacity:
        raise ValidationError(f"All {circle.capacity} seats of this circle are taken.")


def _take_seat(*, mentee: User, circle: Circle) -> CircleMember:
    require_participant(mentee)
    if circle.mentor_id == mentee.pk:
        raise ValidationError("You run this circle.")
    if is_blocked_between(mentee, circle.mentor):
        raise PermissionDenied("You can't join this circle.")
    if CircleMember.objects.filter(circle=circle, mentee=mentee).exists():
        raise ValidationError("You are already in this circle.")
    _require_room(circle)
    try:
        with transaction.atomic():
            seat = CircleMember.objects.create(circle=circle, mentee=mentee)
    except IntegrityError as error:  # a second click racing the first
        raise ValidationError("You are already in this circle.") from error
    Membership.objects.update_or_create(
        group=circle.group,
        user=mentee,
        defaults={"status": Membership.Status.ACTIVE, "invited_by": circle.mentor},
    )
    # Joined by themselves while invited: the invitation is answered by the join.
    CircleInvitation.objects.filter(
        circle=circle, invitee=mentee, status=CircleInvitation.Status.PENDING
    ).update(status=CircleInvitation.Status.ACCEPTED, answered_at=timezone.now())
    return seat


@transaction.atomic
def circle_invite(*, mentor: User, circle: Circle, invitee: User) -> CircleInvitation:
    """The circle's mentor invites one member (found by name through community's member
    search, which leaves out anyone in a block with them). No seat is held until they
    accept."""
    require_participant(mentor)
    if circle.mentor_id != mentor.pk:
        raise PermissionDenied("Only the circle's mentor invites members.")
    circle = _locked(circle.pk)
    if invitee.pk == mentor.pk:
        raise ValidationError("You run this circle.")
    if not invitee.is_active or is_blocked_between(mentor, invitee):
        raise ValidationError("You can't invite this member.")
    if CircleMember.objects.filter(circle=circle, mentee=invitee).exists():
        raise ValidationError("They are already in this circle.")
    _require_room(circle)
    try:
        with transaction.atomic():
            invitation = CircleInvitation.objects.create(circle=circle, invitee=invitee)
    except IntegrityError as error:
        raise ValidationError("They are already invited.") from error
    tell(
        recipient=invitee,
        kind=NotificationKind.MENTORING_CIRCLE,
        text=f"{name_of(mentor)} invites you to their mentoring circle “{circle.name}”.",
        subject=f"{name_of(mentor)} invites you to a mentoring circle",
        lines=[
            f"{name_of(mentor)} invites you to “{circle.name}”, a mentoring circle of up to "
            f"{circle.capacity} mentees with a private discussion. Accept or decline it here."
        ],
        path=reverse("mentoring:circle_invitation", args=[invitation.pk]),
        about=mentor,
    )
    return invitation


@transaction.atomic
def circle_invitation_answer(
    *, invitee: User, invitation: CircleInvitation, accept: bool
) -> CircleInvitation:
    """The member invited accepts (a seat, if one is still free: counted under the circle's
    lock, as a join) or declines; the mentor is told either way."""
    if invitation.invitee_id != invitee.pk:
        raise PermissionDenied("Only the member invited can answer.")
    circle = _locked(invitation.circle_id)
    invitation = CircleInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != CircleInvitation.Status.PENDING:
        raise ValidationError(
            f"This invitation is already {invitation.get_status_display().lower()}."
        )
    if accept:
        # Marks this invitation accepted too.
        _take_seat(mentee=invitee, circle=circle)
        invitation.refresh_from_db()
    else:
        invitation.status = CircleInvitation.Status.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
    said = "joined" if accept else "declined your invitation to"
    tell(
        recipient=circle.mentor,
        kind=NotificationKind.MENTORING_CIRCLE,
        text=f"{name_of(invitee)} {said} your circle “{circle.name}”.",
        subject=f"{name_of(invitee)} {said} your mentoring circle",
        lines=[f"{name_of(invitee)} {said} your circle “{circle.name}”."],
        path=reverse("mentoring:circle_invitations", args=[circle.pk]),
        about=invitee,
    )
    return invitation


@transaction.atomic
def circle_leave(*, mentee: User, circle: Circle) -> None:
    deleted, _ = CircleMember.objects.filter(circle=circle, mentee=mentee).delete()
    if not deleted:
        raise ValidationError("You are not in this circle.")
    # Their posts stay in the discussion, as when anyone leaves a group.
    Membership.objects.filter(group=circle.group, user=mentee).exclude(
        role=Membership.Role.OWNER
    ).delete()


@transaction.atomic
def circle_close(*, mentor: User, circle: Circle) -> Circle:
    """No new members; those in it stay, and so does the discussion."""
    if circle.mentor_id != mentor.pk:
        raise PermissionDenied("Only the circle's mentor can close it.")
    circle.status = Circle.Status.CLOSED
    circle.save(update_fields=["status"])
    return circle
