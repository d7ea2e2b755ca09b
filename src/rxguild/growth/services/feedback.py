"""Feedback from people without accounts: request, answer, decline, unsubscribe, withdraw.

The emailed link is the recipient's only credential (core.signed_links): signed per purpose,
expiring after FEEDBACK_LINK_DAYS, single-use. Only its digest and "used at" are stored on
the invite; answering and declining lock the invite row, check the link and mark it used in
one transaction, so a replayed or double-submitted link changes nothing.

The email carries the member's name and the chosen competencies, nothing else of their
profile and no free text from them: a message field would let anyone send arbitrary text
under RxGuild's name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.core.mail import mail_send_after_commit
from rxguild.core.ratelimit import rate_limit_check
from rxguild.core.signed_links import (
    LinkInvalid,
    link_check_unused,
    link_issue,
    link_read,
)
from rxguild.growth.engine import LevelError, level_check
from rxguild.growth.models import (
    Competency,
    FeedbackAnswer,
    FeedbackInvite,
    FeedbackOptOut,
    FeedbackRequest,
    Framework,
)

ANSWER_PURPOSE = "growth-feedback"
UNSUBSCRIBE_PURPOSE = "growth-feedback-unsubscribe"
FEEDBACK_LINK_DAYS = 14
# An unsubscribe link keeps working long after the request: people act on old emails.
UNSUBSCRIBE_LINK_DAYS = 365
MAX_RECIPIENTS = 5
MAX_COMPETENCIES = 10
COMMENT_MAX = 500
# Abuse limits. Per member: 10 invitations a day is plenty for real feedback and too few for
# spam. Per address: 3 requests a week, from all members together, so one inbox cannot be
# flooded by many accounts.
MEMBER_LIMIT, MEMBER_WINDOW = 10, 24 * 3600
ADDRESS_LIMIT, ADDRESS_WINDOW = 3, 7 * 24 * 3600
# A resend is one more email to someone who has not answered: twice per person is a reminder,
# more would be nagging. At most once a day, and it counts toward the limits above too.
RESEND_MAX = 2
RESEND_WINDOW = 24 * 3600


def email_digest(email: str) -> str:
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()


def _site_url(path: str) -> str:
    return getattr(settings, "RXGUILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


@dataclass(frozen=True)
class Recipient:
    email: str
    relationship: str
    name: str = ""


def _clean_recipients(member: Any, recipients: Sequence[Recipient]) -> list[Recipient]:
    errors: list[str] = []
    cleaned: list[Recipient] = []
    seen: set[str] = set()
    own = (getattr(member, "email", "") or "").casefold()
    for index, recipient in enumerate(recipients, start=1):
        email = recipient.email.strip().casefold()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors.append(f"Person {index}: “{recipient.email[:80]}” is not an email address.")
            continue
        if email == own:
            errors.append(f"Person {index}: ask someone else; this is your own address.")
            continue
        if email in seen:
            errors.append(f"Person {index}: {email} is listed twice.")
            continue
        if recipient.relationship not in FeedbackInvite.Relationship.values:
            errors.append(f"Person {index}: choose supervisor, pharmacist, preceptor or colleague.")
            continue
        if len(recipient.name.strip()) > 100:
            errors.append(f"Person {index}: keep the name under 100 characters.")
            continue
        seen.add(email)
        cleaned.append(Recipient(email, recipient.relationship, recipient.name.strip()))
    if not cleaned and not errors:
        errors.append("Add at least one person to ask.")
    if len(cleaned) > MAX_RECIPIENTS:
        errors.append(f"Ask at most {MAX_RECIPIENTS} people at a time.")
    opted_out = set(
        FeedbackOptOut.objects.filter(
            email_digest__in=[email_digest(r.email) for r in cleaned]
        ).values_list("email_digest", flat=True)
    )
    for recipient in cleaned:
        if email_digest(recipient.email) in opted_out:
            errors.append(f"{recipient.email} has asked not to receive feedback requests.")
    if errors:
        raise ValidationError({"recipients": errors})
    return cleaned


def _invite_email(invite: FeedbackInvite, token: str, unsubscribe_token: str) -> EmailMessage:
    request = invite.request
    member_name = request.member.get_full_name() or "A pharmacy technician"
    names = [c.name for c in request.competencies.order_by("domain__position", "position")]
    lines = [
        "Hello,",
        f"{member_name} uses RxGuild to grow as a pharmacy technician and asks for your "
        f"feedback, as their {invite.get_relationship_display().lower()}, on:",
        "\n".join(f"- {name}" for name in names),
        "It takes two or three minutes, needs no account, and you may decline. "
        + (
            "Your answer is anonymous: they see it only combined with at least two others."
            if request.anonymous
            else "They will see your answer with your name."
        ),
        f"Answer or decline: {_site_url(reverse('growth:feedback_answer', args=[token]))}",
        f"The link works once and expires in {FEEDBACK_LINK_DAYS} days.",
        "Never want feedback requests from RxGuild again? "
        + _site_url(reverse("growth:feedback_unsubscribe", args=[unsubscribe_token])),
    ]
    return EmailMessage(
        subject=f"[RxGuild] {member_name} asks for your feedback",
        body="\n\n".join(lines),
        to=[invite.email],
    )


@transaction.atomic
def feedback_request_create(
    *,
    member: Any,
    framework: Framework,
    competency_codes: Sequence[str],
    recipients: Sequence[Recipient],
    anonymous: bool = False,
) -> FeedbackRequest:
    """Create the request and one invite per person; emails go out after the commit."""
    errors: dict[str, list[str]] = {}
    competencies = list(
        Competency.objects.filter(
            domain__framework=framework, is_active=True, code__in=list(competency_codes)
        )
    )
    unknown = sorted(set(competency_codes) - {c.code for c in competencies})
    if unknown:
        errors["competencies"] = [f"Not a competency of {framework.name}: {', '.join(unknown)}."]
    elif not competencies:
        errors["competencies"] = ["Choose the competencies you want feedback on."]
    elif len(competencies) > MAX_COMPETENCIES:
        errors["competencies"] = [f"Choose at most {MAX_COMPETENCIES}: a short form gets answered."]
    try:
        cleaned = _clean_recipients(member, recipients)
    except ValidationError as error:
        errors.update(error.message_dict)
        cleaned = []
    if errors:
        raise ValidationError(errors)
    for recipient in cleaned:
        _rate_limit_one_email(member, recipient.email)
    now = timezone.now()
    request = FeedbackRequest.objects.create(
        member=member,
        framework=framework,
        anonymous=anonymous,
        created_at=now,
        expires_at=now + timedelta(days=FEEDBACK_LINK_DAYS),
    )
    request.competencies.set(competencies)
    messages = []
    for recipient in cleaned:
        invite = FeedbackInvite.objects.create(
            request=request,
            email=recipient.email,
            name=recipient.name,
            relationship=recipient.relationship,
            sent_at=now,
        )
        link = link_issue(purpose=ANSWER_PURPOSE, object_id=invite.pk)
        unsubscribe = link_issue(purpose=UNSUBSCRIBE_PURPOSE, object_id=invite.pk)
        invite.link_digest = link.digest
        invite.save(update_fields=["link_digest"])
        messages.append(_invite_email(invite, link.token, unsubscribe.token))
    mail_send_after_commit(messages)
    return request


@transaction.atomic
def feedback_request_withdraw(*, request: FeedbackRequest) -> FeedbackRequest:
    """Unanswered links stop working at once; answers already given stay with the member."""
    if request.withdrawn_at is None:
        request.withdrawn_at = timezone.now()
        request.save(update_fields=["withdrawn_at"])
    return request


def _rate_limit_one_email(member: Any, email: str) -> None:
    # The member's limit counts people asked, not requests: one hit per email.
    rate_limit_check(
        key=f"growth-feedback-member:{member.pk}",
        limit=MEMBER_LIMIT,
        window_seconds=MEMBER_WINDOW,
        action="sent feedback requests",
    )
    rate_limit_check(
        key=f"growth-feedback-address:{email_digest(email)}",
        limit=ADDRESS_LIMIT,
        window_seconds=ADDRESS_WINDOW,
        action=f"asked {email} for feedback",
    )


@transaction.atomic
def feedback_invite_resend(*, invite: FeedbackInvite) -> FeedbackInvite:
    """Send one person a fresh link. The new link replaces the old one's digest, so the link
    in the earlier email stops working at once; the new one expires FEEDBACK_LINK_DAYS from
    now and works once, like the first. Only for someone who has neither answered nor
    declined, on a request that was not withdrawn, at an address that did not opt out."""
    invite = (
        FeedbackInvite.objects.select_for_update(of=("self",))
        .select_related("request__member", "request__framework")
        .get(pk=invite.pk)
    )
    request = invite.request
    if request.withdrawn_at is not None:
        raise ValidationError("This request was withdrawn; ask again with a new request.")
    if invite.answered_at is not None:
        raise ValidationError("This person has already answered.")
    if invite.declined_at is not None:
        raise ValidationError("This person declined; RxGuild will not ask them again.")
    if FeedbackOptOut.objects.filter(email_digest=email_digest(invite.email)).exists():
        raise ValidationError("This person has asked not to receive feedback requests.")
    if invite.resent_count >= RESEND_MAX:
        raise ValidationError(
            f"The link was already sent again {RESEND_MAX} times; RxGuild will not send more."
        )
    rate_limit_check(
        key=f"growth-feedback-resend:{invite.pk}",
        limit=1,
        window_seconds=RESEND_WINDOW,
        action="sent this person a new link",
    )
    _rate_limit_one_email(request.member, invite.email)
    now = timezone.now()
    link = link_issue(purpose=ANSWER_PURPOSE, object_id=invite.pk)
    unsubscribe = link_issue(purpose=UNSUBSCRIBE_PURPOSE, object_id=invite.pk)
    invite.link_digest = link.digest
    invite.sent_at = now
    invite.resent_count += 1
    invite.save(update_fields=["link_digest", "sent_at", "resent_count"])
    expires = now + timedelta(days=FEEDBACK_LINK_DAYS)
    if request.expires_at < expires:
        request.expires_at = expires
        request.save(update_fields=["expires_at"])
    mail_send_after_commit([_invite_email(invite, link.token, unsubscribe.token)])
    return invite


def feedback_invite_for_token(token: str) -> FeedbackInvite:
    """The invite a link opens, or LinkError with a message for the page. Read-only: for
    showing the form; answering re-checks everything under a lock."""
    invite_id = link_read(token, purpose=ANSWER_PURPOSE, max_age=timedelta(days=FEEDBACK_LINK_DAYS))
    invite = (
        FeedbackInvite.objects.select_related("request__member", "request__framework")
        .filter(pk=invite_id)
        .first()
    )
    if invite is None:
        raise LinkInvalid("This link is not valid. Check that it was copied whole.")
    _check_open(invite, token)
    return invite


def _check_open(invite: FeedbackInvite, token: str) -> None:
    link_check_unused(stored_digest=invite.link_digest, token=token, used_at=invite.link_used_at)
    if invite.request.withdrawn_at is not None:
        raise LinkInvalid("This request was withdrawn. Thank you, nothing more is needed.")


def _lock(token: str) -> FeedbackInvite:
    invite_id = link_read(token, purpose=ANSWER_PURPOSE, max_age=timedelta(days=FEEDBACK_LINK_DAYS))
    invite = (
        FeedbackInvite.objects.select_for_update(of=("self",))
        .select_related("request__member", "request__framework")
        .filter(pk=invite_id)
        .first()
    )
    if invite is None:
        raise LinkInvalid("This link is not valid. Check that it was copied whole.")
    _check_open(invite, token)
    return invite


@transaction.atomic
def feedback_answer_submit(
    *, token: str, ratings: Mapping[str, object], comments: Mapping[str, str], comment: str = ""
) -> FeedbackInvite:
    """Save the answers and use up the link, or raise (LinkError / ValidationError) with
    nothing saved. Every competency needs a level or "can't say" (an empty value)."""
    invite = _lock(token)
    competencies = list(invite.request.competencies.all())
    errors: dict[str, list[str]] = {}
    levels: dict[str, int | None] = {}
    for competency in competencies:
        value = ratings.get(competency.code, "")
        if value in ("", None, "na"):
            levels[competency.code] = None
        else:
            try:
                levels[competency.code] = level_check(value)
            except LevelError as error:
                errors.setdefault(competency.code, []).append(str(error))
        text = (comments.get(competency.code) or "").strip()
        if len(text) > COMMENT_MAX:
            errors.setdefault(f"comment_{competency.code}", []).append(
                f"Keep each comment under {COMMENT_MAX} characters."
            )
    comment = (comment or "").strip()
    if len(comment) > 1000:
        errors["comment"] = ["Keep the overall comment under 1000 characters."]
    if not errors and all(v is None for v in levels.values()) and not comment:
        errors["__all__"] = ["Rate at least one competency or leave a comment, or decline."]
    if errors:
        raise ValidationError(errors)
    FeedbackAnswer.objects.bulk_create(
        FeedbackAnswer(
            invite=invite,
            competency=competency,
            level=levels[competency.code],
            comment=(comments.get(competency.code) or "").strip(),
        )
        for competency in competencies
    )
    now = timezone.now()
    invite.link_used_at = now
    invite.answered_at = now
    invite.comment = comment
    invite.save(update_fields=["link_used_at", "answered_at", "comment"])
    return invite


@transaction.atomic
def feedback_decline(*, token: str) -> FeedbackInvite:
    invite = _lock(token)
    now = timezone.now()
    invite.link_used_at = now
    invite.declined_at = now
    invite.save(update_fields=["link_used_at", "declined_at"])
    return invite


def feedback_unsubscribe_read(token: str) -> FeedbackInvite:
    invite_id = link_read(
        token, purpose=UNSUBSCRIBE_PURPOSE, max_age=timedelta(days=UNSUBSCRIBE_LINK_DAYS)
    )
    invite = FeedbackInvite.objects.filter(pk=invite_id).first()
    if invite is None:
        raise LinkInvalid("This link is not valid. Check that it was copied whole.")
    return invite


@transaction.atomic
def feedback_unsubscribe(*, token: str) -> None:
    """Opt the address out for good and decline its open invites. Repeating it is harmless."""
    invite = feedback_unsubscribe_read(token)
    FeedbackOptOut.objects.get_or_create(email_digest=email_digest(invite.email))
    now = timezone.now()
    FeedbackInvite.objects.filter(email=invite.email, link_used_at__isnull=True).update(
        link_used_at=now, declined_at=now
    )
