"""Groups: create, join, leave, invite, and roles (owners and moderators)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify

from rxguild.accounts.models import User
from rxguild.community.models import Group, Membership, NotificationKind
from rxguild.community.selectors.connections import display_name, is_blocked_between
from rxguild.community.selectors.groups import group_access
from rxguild.community.services.common import require_participant
from rxguild.community.services.notifications import notify

STATE_CODE = re.compile(r"^[A-Z]{2}$")


def _clean_group(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = str(data.get("name", "")).strip()
    if not name:
        errors["name"] = "Enter a name for the group."
    elif len(name) > 120:
        errors["name"] = "Keep the name under 120 characters."
    description = str(data.get("description", "")).strip()
    if len(description) > 4000:
        errors["description"] = "Keep the description under 4,000 characters."
    kind = str(data.get("kind") or Group.Kind.OTHER)
    if kind not in Group.Kind.values:
        errors["kind"] = "Choose what kind of group this is."
    visibility = str(data.get("visibility") or Group.Visibility.PUBLIC)
    if visibility not in Group.Visibility.values:
        errors["visibility"] = "Choose who can see the group."
    state = str(data.get("state", "")).strip().upper()
    if state and not STATE_CODE.match(state):
        errors["state"] = "Use a two-letter state code such as TX."
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "description": description,
        "kind": kind,
        "visibility": visibility,
        "state": state,
    }


@transaction.atomic
def group_create(*, actor: User, data: dict[str, Any]) -> Group:
    require_participant(actor)
    clean = _clean_group(data)
    base = slugify(clean["name"])[:70] or "group"
    slug, n = base, 2
    while Group.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    group = Group.objects.create(slug=slug, created_by=actor, **clean)
    Membership.objects.create(group=group, user=actor, role=Membership.Role.OWNER)
    return group


@transaction.atomic
def group_update(*, actor: User, group: Group, data: dict[str, Any]) -> Group:
    if not group_access(actor, group).can_moderate:
        raise PermissionDenied("Only the group's owners and moderators can change it.")
    for field, value in _clean_group(data).items():
        setattr(group, field, value)
    group.save()
    return group


@transaction.atomic
def group_join(*, actor: User, group: Group) -> Membership:
    require_participant(actor)
    membership = Membership.objects.select_for_update().filter(group=group, user=actor).first()
    if membership is not None and membership.status == Membership.Status.ACTIVE:
        raise ValidationError("You are already a member of this group.")
    if group.visibility == Group.Visibility.INVITE and membership is None:
        raise PermissionDenied("This group is invite-only.")
    if membership is None:
        return Membership.objects.create(group=group, user=actor)
    membership.status = Membership.Status.ACTIVE  # accepting an invitation
    membership.save(update_fields=["status"])
    return membership


@transaction.atomic
def group_leave(*, actor: User, group: Group) -> None:
    membership = Membership.objects.select_for_update().filter(group=group, user=actor).first()
    if membership is None:
        raise ValidationError("You are not a member of this group.")
    if (
        membership.role == Membership.Role.OWNER
        and not Membership.objects.filter(group=group, role=Membership.Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError("Make another member an owner before you leave: a group needs one.")
    membership.delete()


@transaction.atomic
def group_invite(*, actor: User, group: Group, invitee: User) -> Membership:
    require_participant(actor)
    access = group_access(actor, group)
    # In an invite-only group only owners and moderators invite; elsewhere any member may.
    if not access.is_member or (
        group.visibility == Group.Visibility.INVITE and not access.can_moderate
    ):
        raise PermissionDenied("You can't invite members to this group.")
    if is_blocked_between(actor, invitee):
        raise ValidationError("You can't invite this member.")
    membership, created = Membership.objects.get_or_create(
        group=group,
        user=invitee,
        defaults={"status": Membership.Status.INVITED, "invited_by": actor},
    )
    if not created:
        raise ValidationError("They are already a member or invited.")
    notify(
        recipient=invitee,
        kind=NotificationKind.GROUP_INVITE,
        text=f"{display_name(actor)} invited you to join {group.name}.",
        url=reverse("community:group_detail", args=[group.slug]),
    )
    return membership


@transaction.atomic
def membership_set_role(*, actor: User, group: Group, member: User, role: str) -> Membership:
    access = group_access(actor, group)
    is_owner = access.membership is not None and access.membership.role == Membership.Role.OWNER
    if not (is_owner or (access.can_moderate and access.membership is None)):
        raise PermissionDenied("Only the group's owners can change roles.")
    if role not in Membership.Role.values:
        raise ValidationError({"role": "Choose owner, moderator or member."})
    membership = Membership.objects.filter(
        group=group, user=member, status=Membership.Status.ACTIVE
    ).first()
    if membership is None:
        raise ValidationError("They are not a member of this group.")
    membership.role = role
    membership.save(update_fields=["role"])
    return membership
