"""Mentoring circles: a mentor starts one, mentees join up to its capacity and leave.

The discussion space is a community group, invite-only (hidden from everyone else), made by
community's `group_create` with the mentor as its owner. Joining the circle is the invitation:
the service adds the mentee's group membership itself, because an invite-only group otherwise
takes a second step (invite, then accept). Seats are counted under a lock on the circle row,
so two mentees taking the last seat at once can't both get it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from rxguild.accounts.models import User
from rxguild.community.models import Group, Membership
from rxguild.community.selectors.connections import is_blocked_between
from rxguild.community.services.common import require_participant
from rxguild.community.services.groups import group_create
from rxguild.mentoring.models import CIRCLE_CAPACITY, Circle, CircleMember, MentorOffer

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
    require_participant(mentee)
    circle = (
        Circle.objects.select_for_update(of=("self",)).select_related("mentor").get(pk=circle.pk)
    )
    if circle.mentor_id == mentee.pk:
        raise ValidationError("You run this circle.")
    if is_blocked_between(mentee, circle.mentor):
        raise PermissionDenied("You can't join this circle.")
    if circle.status != Circle.Status.OPEN:
        raise ValidationError("This circle is closed to new members.")
    if CircleMember.objects.filter(circle=circle, mentee=mentee).exists():
        raise ValidationError("You are already in this circle.")
    if CircleMember.objects.filter(circle=circle).count() >= circle.capacity:
        raise ValidationError(f"All {circle.capacity} seats of this circle are taken.")
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
    return seat


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
