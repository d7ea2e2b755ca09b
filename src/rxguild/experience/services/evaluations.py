"""The preceptor's mid-point and final evaluation of an externship or internship.

The student asks; the preceptor fills the checklist of data/experience/evaluation.toml (each
item rated, "not observed" allowed, with a comment). They answer through the same signed
single-use expiring link as the hour sign-off (services.links, its own purpose), or signed in,
when their account's verified email is the one the student gave. Either way the same checks
run once, here, and the row is locked while it is marked answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.experience.models import (
    Evaluation,
    EvaluationKind,
    EvaluationStatus,
    ExperienceEntry,
)
from rxguild.experience.reference import evaluation_form
from rxguild.experience.services.hours import LOGGABLE_KINDS
from rxguild.experience.services.links import (
    LinkFlow,
    clean_requested_person,
    email_after_commit,
    lock_waiting,
    site_url,
    withdraw,
)

EVALUATION_PURPOSE = "experience-evaluation"
EVALUATION_LINKS = LinkFlow(
    purpose=EVALUATION_PURPOSE,
    rate_key="experience-evaluation",
    rate_action="sent evaluation requests",
)


def _member_name(entry: ExperienceEntry) -> str:
    return entry.member.get_full_name() or entry.member.email


@transaction.atomic
def evaluation_request(
    *,
    entry: ExperienceEntry,
    kind: str,
    evaluator_name: str,
    evaluator_role: str,
    evaluator_email: str,
) -> Evaluation:
    """Ask the preceptor for the mid-point or final evaluation. An earlier unanswered request
    of the same kind is withdrawn (its link stops working); a completed one stays and a second
    is refused, so the record holds one of each."""
    errors: dict[str, str] = {}
    if entry.kind not in LOGGABLE_KINDS:
        errors["kind"] = "Evaluations are for externships and internships."
    if kind not in EvaluationKind.values:
        errors["kind"] = "Choose the mid-point or the final evaluation."
    name, role, email = clean_requested_person(
        prefix="evaluator",
        name=evaluator_name,
        role=evaluator_role,
        email=evaluator_email,
        member_email=entry.member.email,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    EVALUATION_LINKS.check_rate(entry.member_id)
    entry = ExperienceEntry.objects.select_for_update().select_related("member").get(pk=entry.pk)
    earlier = Evaluation.objects.filter(entry=entry, kind=kind)
    if earlier.filter(status=EvaluationStatus.SUBMITTED).exists():
        raise ValidationError(
            {"kind": f"Your {EvaluationKind(kind).label.lower()} is already completed."}
        )
    earlier.filter(status=EvaluationStatus.PENDING).update(
        status=EvaluationStatus.WITHDRAWN, link_digest=""
    )
    evaluation = Evaluation.objects.create(
        entry=entry,
        kind=kind,
        evaluator_name=name,
        evaluator_role=role,
        evaluator_email=email,
    )
    token = EVALUATION_LINKS.attach(evaluation)
    name = _member_name(entry)
    email_after_commit(
        to=email,
        subject=f"{name} asks for your {evaluation.get_kind_display().lower()}",
        body=(
            f"{name} asks you to fill in the {evaluation.get_kind_display().lower()} of "
            f"their {entry.get_kind_display().lower()} at {entry.site_name}: a short "
            "checklist with a rating and a comment per item.\n\n"
            f"Fill it in here (no account needed):\n"
            f"{site_url(reverse('experience:evaluate', args=[token]))}\n\n"
            f"The link works once, for {EVALUATION_LINKS.max_age.days} days. If you have an "
            "RxGuild account with this email, it also waits for you under "
            f"{site_url(reverse('experience:evaluations_assigned'))}"
        ),
    )
    return evaluation


@transaction.atomic
def evaluation_withdraw(*, evaluation: Evaluation) -> None:
    withdraw(
        evaluation,
        waiting=[EvaluationStatus.PENDING],
        withdrawn=EvaluationStatus.WITHDRAWN,
        refusal="Only an evaluation still waiting for the preceptor can be withdrawn.",
    )


def evaluation_for_token(token: str) -> Evaluation:
    """The open evaluation behind a link, for showing it; LinkError (with a message) otherwise."""
    return EVALUATION_LINKS.open(Evaluation.objects.select_related("entry__member"), token)


def _clean_ratings(ratings: Mapping[str, Mapping[str, Any]], errors: dict[str, str]) -> list:
    """Every checklist item answered (0 = not observed), at least one observed."""
    form = evaluation_form()
    scale = {value for value, _ in form.scale} | {0}
    cleaned = []
    for code, _name in form.items:
        answer = ratings.get(code) or {}
        try:
            rating = int(answer.get("rating", ""))
        except (TypeError, ValueError):
            rating = -1
        if rating not in scale:
            errors[f"rating_{code}"] = "Choose a rating, or “Not observed”."
            continue
        comment = str(answer.get("comment", "")).strip()[:1000]
        cleaned.append({"item": code, "rating": rating, "comment": comment})
    unknown = set(ratings) - {code for code, _ in form.items}
    if unknown:
        errors["ratings"] = f"Unknown checklist item: {', '.join(sorted(unknown))}."
    if cleaned and not errors and all(row["rating"] == 0 for row in cleaned):
        errors["ratings"] = "Rate at least one item you observed."
    return cleaned


def _submit(
    evaluation: Evaluation,
    *,
    evaluator_name: str,
    evaluator_role: str,
    ratings: Mapping[str, Mapping[str, Any]],
    overall_comment: str,
    submitted_by: Any = None,
) -> Evaluation:
    """Called with `evaluation` locked and its link (or account) already checked."""
    errors: dict[str, str] = {}
    if not evaluator_name.strip():
        errors["evaluator_name"] = "Give your name."
    if not evaluator_role.strip():
        errors["evaluator_role"] = "Give your role."
    cleaned = _clean_ratings(ratings, errors)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    evaluation.evaluator_name = evaluator_name.strip()[:120]
    evaluation.evaluator_role = evaluator_role.strip()[:120]
    evaluation.ratings = cleaned
    evaluation.overall_comment = overall_comment.strip()[:4000]
    evaluation.status = EvaluationStatus.SUBMITTED
    evaluation.submitted_at = now
    evaluation.link_used_at = now
    evaluation.submitted_by = submitted_by
    evaluation.save()
    entry = ExperienceEntry.objects.select_related("member").get(pk=evaluation.entry_id)
    email_after_commit(
        to=entry.member.email,
        subject=f"{evaluation.evaluator_name} completed your "
        f"{evaluation.get_kind_display().lower()}",
        body=f"See it at {site_url(reverse('experience:evaluation', args=[evaluation.pk]))}",
    )
    return evaluation


@transaction.atomic
def evaluation_submit_by_link(
    *,
    token: str,
    evaluator_name: str,
    evaluator_role: str,
    ratings: Mapping[str, Mapping[str, Any]],
    overall_comment: str = "",
) -> Evaluation:
    """Bad input raises ValidationError and leaves the link usable; a bad link raises
    LinkError and changes nothing."""
    evaluation = EVALUATION_LINKS.open(Evaluation.objects.select_for_update(), token)
    return _submit(
        evaluation,
        evaluator_name=evaluator_name,
        evaluator_role=evaluator_role,
        ratings=ratings,
        overall_comment=overall_comment,
    )


@transaction.atomic
def evaluation_submit_by_account(
    *,
    evaluation: Evaluation,
    evaluator: Any,
    evaluator_name: str,
    evaluator_role: str,
    ratings: Mapping[str, Mapping[str, Any]],
    overall_comment: str = "",
) -> Evaluation:
    """`evaluation` comes from access.evaluation_get_for_evaluator (their verified email)."""
    evaluation = lock_waiting(
        evaluation,
        waiting=[EvaluationStatus.PENDING],
        refusal="This evaluation is no longer waiting for an answer.",
    )
    return _submit(
        evaluation,
        evaluator_name=evaluator_name,
        evaluator_role=evaluator_role,
        ratings=ratings,
        overall_comment=overall_comment,
        submitted_by=evaluator,
    )
