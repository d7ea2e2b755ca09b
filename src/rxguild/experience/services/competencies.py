"""Competency evaluations (aseptic technique, garbing with gloved-fingertip sampling, media fill,
hazardous drug training) and the reminders when one falls due again."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.core.mail import mail_send_after_commit
from rxguild.experience.competency import Standing
from rxguild.experience.models import CompetencyCategory, CompetencyRecord
from rxguild.experience.reference import competency_names
from rxguild.experience.services.links import site_url

EARLIEST = date(1990, 1, 1)


@transaction.atomic
def competency_record_add(
    *,
    member: Any,
    competency: str,
    performed_on: date | None,
    passed: bool,
    site_name: str,
    category: str = CompetencyCategory.DEFAULT,
    evaluator_name: str = "",
    evaluator_role: str = "",
    notes: str = "",
) -> CompetencyRecord:
    errors: dict[str, str] = {}
    if competency not in competency_names():
        errors["competency"] = "Choose a competency from the list."
    if category not in CompetencyCategory.values:
        errors["category"] = "Choose the compounding category, or “not category-specific”."
    if performed_on is None:
        errors["performed_on"] = "Enter the date of the evaluation."
    elif not EARLIEST <= performed_on <= timezone.localdate():
        errors["performed_on"] = "The evaluation date must be in the past."
    if not site_name.strip():
        errors["site_name"] = "Give the site where you were evaluated."
    if not isinstance(passed, bool):
        errors["passed"] = "Say whether you passed."
    if errors:
        raise ValidationError(errors)
    assert performed_on is not None  # checked above; narrows for mypy
    return CompetencyRecord.objects.create(
        member=member,
        competency=competency,
        category=category,
        performed_on=performed_on,
        passed=passed,
        site_name=site_name.strip()[:200],
        evaluator_name=evaluator_name.strip()[:120],
        evaluator_role=evaluator_role.strip()[:120],
        notes=notes.strip()[:2000],
    )


@transaction.atomic
def competency_record_delete(*, record: CompetencyRecord) -> None:
    record.delete()


def competency_reminders_send(*, as_of: date | None = None) -> int:
    """Email each member whose competencies are due soon or overdue, once per due date.

    Idempotent: the due date reminded for is stored on the latest passing record, so a second
    run the same day (or any day before a new evaluation) sends nothing.
    """
    # Imported here: selectors import this package's constants, so a top-level import would
    # be circular.
    from rxguild.experience.selectors import competency_standings_for_member

    today = as_of or timezone.localdate()
    member_ids = (
        CompetencyRecord.objects.filter(passed=True).values_list("member_id", flat=True).distinct()
    )
    sent = 0
    for member in get_user_model().objects.filter(pk__in=list(member_ids), is_active=True):
        with transaction.atomic():
            due: list[Standing] = []
            for standing in competency_standings_for_member(member, as_of=today):
                if standing.state not in ("due-soon", "overdue"):
                    continue
                if standing.due_on is None or standing.last_passed_on is None:
                    continue
                record = (
                    CompetencyRecord.objects.select_for_update()
                    .filter(
                        member=member,
                        competency=standing.code,
                        passed=True,
                        performed_on=standing.last_passed_on,
                    )
                    .first()
                )
                if record is None or record.reminded_for == standing.due_on:
                    continue
                record.reminded_for = standing.due_on
                record.save(update_fields=["reminded_for"])
                due.append(standing)
            if not due:
                continue
            lines = "\n".join(f"- {s.name}: {s.reason}" for s in due)
            url = site_url(reverse("experience:competencies"))
            mail_send_after_commit(
                [
                    EmailMessage(
                        subject=f"{len(due)} competenc{'y is' if len(due) == 1 else 'ies are'} "
                        "due for re-evaluation",
                        body=f"{lines}\n\nYour facility's SOPs may ask for more often. "
                        f"Record new evaluations at {url}",
                        to=[member.email],
                    )
                ]
            )
            sent += 1
    return sent
