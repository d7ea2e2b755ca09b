"""Verification of a ledger entry by a supervisor or preceptor who has no account.

The member sends a request; the verifier gets an emailed signed link (core.signed_links:
single-use, expiring after `VERIFICATION_LINKS.max_age`, only its digest stored) and confirms,
corrects or declines. A correction never touches the entry: the member sees it and accepts or
rejects it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.experience.models import (
    ExperienceEntry,
    ExperienceVerification,
    VerificationStatus,
)
from rxguild.experience.services.entries import (
    _clean_entry,
    entry_claim,
    experience_entry_update,
)
from rxguild.experience.services.links import (
    LinkFlow,
    email_after_commit,
    lock_waiting,
    site_url,
    withdraw,
)

LINK_PURPOSE = "experience-verification"
VERIFICATION_LINKS = LinkFlow(
    purpose=LINK_PURPOSE, rate_key="experience-verify", rate_action="sent verification requests"
)
# The facts a verifier may correct (site and setting are what the request is about).
CORRECTABLE = ("role", "started_on", "ended_on", "hours_per_week", "logged_hours", "duty_percent")


class Decision:
    CONFIRM = "confirm"
    CORRECT = "correct"
    DECLINE = "decline"
    ALL = (CONFIRM, CORRECT, DECLINE)


def _member_name(entry: ExperienceEntry) -> str:
    member = entry.member
    return member.get_full_name() or member.email


def _clean_person(
    *, name: str, role: str, site: str, errors: dict[str, str]
) -> tuple[str, str, str]:
    if not name.strip():
        errors["verifier_name"] = "Give the verifier's name."
    if not role.strip():
        errors["verifier_role"] = "Give their role, for example “Pharmacy manager” or “Preceptor”."
    if not site.strip():
        errors["verifier_site"] = "Give the site where they supervised you."
    return name.strip()[:120], role.strip()[:120], site.strip()[:200]


@transaction.atomic
def experience_verification_request(
    *,
    entry: ExperienceEntry,
    verifier_name: str,
    verifier_role: str,
    verifier_email: str,
    verifier_site: str = "",
    message: str = "",
) -> ExperienceVerification:
    """Ask someone to verify `entry`; an earlier open request for it is withdrawn."""
    errors: dict[str, str] = {}
    name, role, site = _clean_person(
        name=verifier_name, role=verifier_role, site=verifier_site or entry.site_name, errors=errors
    )
    email = verifier_email.strip()
    try:
        validate_email(email)
    except ValidationError:
        errors["verifier_email"] = "Enter the verifier's email address."
    else:
        if email.lower() == (entry.member.email or "").lower():
            errors["verifier_email"] = (
                "You can't verify your own experience: ask a supervisor or preceptor."
            )
    if errors:
        raise ValidationError(errors)
    VERIFICATION_LINKS.check_rate(entry.member_id)
    entry = (
        ExperienceEntry.objects.select_for_update()
        .select_related("member", "setting")
        .get(pk=entry.pk)
    )
    ExperienceVerification.objects.filter(
        entry=entry, status__in=[VerificationStatus.PENDING, VerificationStatus.CORRECTED]
    ).update(status=VerificationStatus.WITHDRAWN, link_digest="")
    verification = ExperienceVerification.objects.create(
        entry=entry,
        verifier_name=name,
        verifier_role=role,
        verifier_site=site,
        verifier_email=email,
        message=message.strip()[:2000],
        claim=entry_claim(entry),
    )
    token = VERIFICATION_LINKS.attach(verification)
    url = site_url(reverse("experience:verify", args=[token]))
    expires = (timezone.localdate() + VERIFICATION_LINKS.max_age).strftime("%B %-d, %Y")
    member_name = _member_name(entry)
    body = (
        f"{member_name} asks you to confirm their experience as {entry.role} at "
        f"{entry.site_name}.\n\n"
        + (f"Their note: {verification.message}\n\n" if verification.message else "")
        + f"Confirm, correct or decline here (no account needed):\n{url}\n\n"
        f"The link works once and until {expires}. If you don't know {member_name}, ignore "
        "this email."
    )
    email_after_commit(
        to=email,
        subject=f"{member_name} asks you to verify their pharmacy experience",
        body=body,
    )
    return verification


@transaction.atomic
def experience_verification_withdraw(*, verification: ExperienceVerification) -> None:
    withdraw(
        verification,
        waiting=[VerificationStatus.PENDING, VerificationStatus.CORRECTED],
        withdrawn=VerificationStatus.WITHDRAWN,
        refusal="Only a request still waiting for an answer can be withdrawn.",
    )


def verification_for_token(token: str) -> ExperienceVerification:
    """The open request behind a link, for showing it; LinkError (with a message) otherwise."""
    return VERIFICATION_LINKS.open(
        ExperienceVerification.objects.select_related("entry__member", "entry__setting"), token
    )


def _correction_from(claim: dict[str, Any], proposed: dict[str, Any]) -> dict[str, Any]:
    """Only what the verifier changed, as JSON values like the claim's."""
    correction: dict[str, Any] = {}
    for field in CORRECTABLE:
        if field not in proposed:
            continue
        value = proposed[field]
        if isinstance(value, date):
            value = value.isoformat()
        elif field in ("hours_per_week", "logged_hours") and value is not None:
            value = str(Decimal(str(value)).quantize(Decimal("0.1")))
        elif field == "duty_percent":
            value = {code: int(p) for code, p in (value or {}).items() if p}
        elif field == "role":
            value = str(value).strip()
        if value != claim.get(field):
            correction[field] = value
    return correction


def _claim_arguments(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim (JSON) as arguments for the entry rules in services.entries."""
    return {
        "kind": claim["kind"],
        "site_name": claim["site_name"],
        "site_city": "",
        "site_state": "",
        "setting_code": claim["setting_code"],
        "role": claim["role"],
        "started_on": date.fromisoformat(claim["started_on"]),
        "ended_on": date.fromisoformat(claim["ended_on"]) if claim["ended_on"] else None,
        "hours_per_week": claim["hours_per_week"],
        "logged_hours": claim["logged_hours"],
        "description": "",
        "duty_percent": claim["duty_percent"],
        "required_hours": None,
    }


@transaction.atomic
def experience_verification_respond(
    *,
    token: str,
    decision: str,
    verifier_name: str,
    verifier_role: str,
    verifier_site: str,
    comment: str = "",
    corrected: dict[str, Any] | None = None,
) -> ExperienceVerification:
    """The verifier's answer. The link is checked and marked used under a row lock, so two
    submissions of the same page cannot both count. Bad input raises ValidationError and leaves
    the link usable; a bad link raises LinkError and changes nothing."""
    verification = VERIFICATION_LINKS.open(
        ExperienceVerification.objects.select_for_update(), token
    )
    errors: dict[str, str] = {}
    if decision not in Decision.ALL:
        errors["decision"] = "Choose confirm, correct or decline."
    name, role, site = _clean_person(
        name=verifier_name, role=verifier_role, site=verifier_site, errors=errors
    )
    correction: dict[str, Any] = {}
    if decision == Decision.CORRECT:
        correction = _correction_from(verification.claim, corrected or {})
        if not correction:
            errors["decision"] = "Nothing was changed: choose “confirm” if the entry is right."
        else:
            try:
                _clean_entry(**_claim_arguments({**verification.claim, **correction}))
            except ValidationError as error:
                errors.update({k: v[0] for k, v in error.message_dict.items()})
    if decision == Decision.DECLINE and not comment.strip():
        errors["comment"] = "Say briefly why, so the member knows what to do next."
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    verification.verifier_name, verification.verifier_role, verification.verifier_site = (
        name,
        role,
        site,
    )
    verification.verifier_comment = comment.strip()[:2000]
    verification.link_used_at = now
    verification.responded_at = now
    verification.correction = correction
    if decision == Decision.CONFIRM:
        verification.status = VerificationStatus.CONFIRMED
        verification.verified_on = timezone.localdate()
    elif decision == Decision.CORRECT:
        verification.status = VerificationStatus.CORRECTED
    else:
        verification.status = VerificationStatus.DECLINED
    verification.save()

    entry = ExperienceEntry.objects.select_related("member").get(pk=verification.entry_id)
    outcome = {
        VerificationStatus.CONFIRMED: "verified",
        VerificationStatus.CORRECTED: "proposed a correction to",
        VerificationStatus.DECLINED: "declined to verify",
    }[VerificationStatus(verification.status)]
    url = site_url(reverse("experience:home") + f"#entry-{entry.pk}")
    email_after_commit(
        to=entry.member.email,
        subject=f"{name} {outcome} your experience at {entry.site_name}",
        body=f"{name} ({role}, {site}) {outcome} “{entry}”.\n\nSee it at {url}",
    )
    return verification


def _owner_decision(verification: ExperienceVerification) -> ExperienceVerification:
    return lock_waiting(
        verification,
        waiting=[VerificationStatus.CORRECTED],
        refusal="There is no correction waiting for your answer on this request.",
    )


@transaction.atomic
def experience_correction_accept(*, verification: ExperienceVerification) -> ExperienceEntry:
    """Apply the verifier's correction to the entry; the entry is then verified as corrected."""
    verification = _owner_decision(verification)
    changes = dict(verification.correction)
    for field in ("started_on", "ended_on"):
        if changes.get(field):
            changes[field] = date.fromisoformat(changes[field])
    entry = ExperienceEntry.objects.get(pk=verification.entry_id)
    # The update outdates every verification of the old facts, this one included; it is then
    # confirmed for the new facts, which are exactly what the verifier stated.
    entry = experience_entry_update(entry=entry, **changes)
    verification.refresh_from_db()
    verification.status = VerificationStatus.CONFIRMED
    verification.claim = entry_claim(entry)
    verification.verified_on = timezone.localdate()
    verification.save(update_fields=["status", "claim", "verified_on"])
    return entry


@transaction.atomic
def experience_correction_reject(*, verification: ExperienceVerification) -> None:
    verification = _owner_decision(verification)
    verification.status = VerificationStatus.CORRECTION_REJECTED
    verification.save(update_fields=["status"])
