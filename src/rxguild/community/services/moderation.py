"""Reports and the moderator's actions. Every action writes one audit-log row."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import (
    Membership,
    Message,
    ModerationAction,
    NotificationKind,
    Post,
    Report,
    Suspension,
)
from rxguild.community.selectors.groups import post_get_for_viewer
from rxguild.community.services.common import (
    daily_cap_check,
    is_site_moderator,
    require_participant,
    trust_limits_for,
)
from rxguild.community.services.notifications import notify

MAX_SUSPENSION_DAYS = 365


@transaction.atomic
def report_create(
    *,
    reporter: User,
    reason: str,
    detail: str = "",
    post_id: int | None = None,
    message_id: int | None = None,
    member: User | None = None,
) -> Report:
    require_participant(reporter)
    errors: dict[str, str] = {}
    if reason not in Report.Reason.values:
        errors["reason"] = "Choose a reason for the report."
    if len(detail) > 1000:
        errors["detail"] = "Keep the details under 1,000 characters."
    if reason == Report.Reason.OTHER and not detail.strip():
        errors["detail"] = "Say what is wrong when the reason is “Something else”."
    if sum(x is not None for x in (post_id, message_id, member)) != 1:
        errors["__all__"] = "Report one post, message or member at a time."
    if errors:
        raise ValidationError(errors)
    report = Report(reporter=reporter, reason=reason, detail=detail.strip())
    if post_id is not None:
        report.post = post_get_for_viewer(reporter, post_id).post  # 404 if not readable
        report.member = report.post.author
    elif message_id is not None:
        message = Message.objects.filter(
            Q(recipient=reporter) | Q(sender=reporter), pk=message_id
        ).first()
        if message is None:
            raise ValidationError("You can only report messages in your own conversations.")
        report.message = message
        report.member = message.sender
    elif member is not None:  # exactly one of the three was given (checked above)
        if member.pk == reporter.pk:
            raise ValidationError("You can't report yourself.")
        report.member = member
    if Report.objects.filter(
        reporter=reporter,
        status=Report.Status.OPEN,
        post=report.post,
        message=report.message,
        member=report.member,
    ).exists():
        raise ValidationError("You already reported this; a moderator will look at it.")
    limits = trust_limits_for(reporter)
    daily_cap_check(
        user=reporter, action="flag", limit=limits.flags_per_day, described="sent reports"
    )
    report.save()
    return report


def _moderates_post(moderator: User, post: Post) -> bool:
    if is_site_moderator(moderator):
        return True
    if post.group_id is None:
        return False
    return Membership.objects.filter(
        group_id=post.group_id,
        user=moderator,
        status=Membership.Status.ACTIVE,
        role__in=[Membership.Role.OWNER, Membership.Role.MODERATOR],
    ).exists()


@transaction.atomic
def moderation_act(
    *,
    moderator: User,
    action: str,
    report_id: int | None = None,
    post_id: int | None = None,
    message_id: int | None = None,
    member: User | None = None,
    note: str = "",
    suspend_days: int | None = None,
) -> ModerationAction:
    """Hide, remove or restore a post or message; warn or suspend a member; or dismiss a
    report. Group moderators act on their group's posts; the rest needs a site moderator."""
    if action not in ModerationAction.Action.values:
        raise ValidationError({"action": "Choose an action."})
    if len(note) > 1000:
        raise ValidationError({"note": "Keep the note under 1,000 characters."})
    report = None
    if report_id is not None:
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None:
            raise ValidationError("No such report.")
        post_id = post_id or report.post_id
        message_id = message_id or report.message_id
        member = member or report.member
    post = Post.objects.filter(pk=post_id).first() if post_id else None
    message = Message.objects.filter(pk=message_id).first() if message_id else None
    site = is_site_moderator(moderator)
    allowed = _moderates_post(moderator, post) if post is not None else site
    if action in (ModerationAction.Action.SUSPEND, ModerationAction.Action.UNSUSPEND):
        allowed = site
    if not allowed:
        raise PermissionDenied("You don't moderate this.")

    now = timezone.now()
    A = ModerationAction.Action
    if action in (A.HIDE, A.REMOVE, A.RESTORE):
        status = {"hide": "hidden", "remove": "removed", "restore": "visible"}[action]
        if post is not None:
            post.status = status
            post.save(update_fields=["status"])
        elif message is not None:
            message.status = (
                Message.Status.VISIBLE if action == A.RESTORE else Message.Status.HIDDEN
            )
            message.save(update_fields=["status"])
        else:
            raise ValidationError("Choose a post or message to act on.")
    elif action == A.WARN:
        if member is None:
            raise ValidationError("Choose a member to warn.")
        if not note.strip():
            raise ValidationError({"note": "Write the warning the member will read."})
        notify(
            recipient=member,
            kind=NotificationKind.MODERATION,
            text=f"A moderator's note: {note.strip()}",
            url=reverse("community:notifications"),
        )
    elif action == A.SUSPEND:
        if member is None:
            raise ValidationError("Choose a member to suspend.")
        if not suspend_days or not 1 <= suspend_days <= MAX_SUSPENSION_DAYS:
            raise ValidationError({"suspend_days": f"Suspend for 1 to {MAX_SUSPENSION_DAYS} days."})
        if not note.strip():
            raise ValidationError({"note": "Give the reason the member will read."})
        if member.pk == moderator.pk:
            raise ValidationError("You can't suspend yourself.")
        Suspension.objects.create(
            member=member,
            until=now + timedelta(days=suspend_days),
            reason=note.strip(),
            created_by=moderator,
        )
    elif action == A.UNSUSPEND:
        Suspension.objects.filter(member=member, lifted_at__isnull=True).update(lifted_at=now)
    logged = ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        report=report,
        member=member,
        post=post,
        message=message,
        note=note.strip(),
    )
    if report is not None:
        report.status = Report.Status.DISMISSED if action == A.DISMISS else Report.Status.RESOLVED
        report.resolved_at = now
        report.save(update_fields=["status", "resolved_at"])
    return logged
