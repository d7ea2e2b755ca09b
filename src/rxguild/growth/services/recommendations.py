"""Written recommendations between members: write, approve or decline (the receiver),
withdraw (the author). Nothing appears on a profile without the receiver's approval."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rxguild.community.selectors.connections import is_blocked_between
from rxguild.core.ratelimit import rate_limit_check
from rxguild.growth.models import Recommendation

BODY_MIN, BODY_MAX = 40, 1000
# Five a day: enough for a preceptor writing for a class, too few to spam.
WRITE_LIMIT, WRITE_WINDOW = 5, 24 * 3600


@transaction.atomic
def recommendation_write(
    *, author: Any, receiver: Any, relationship: str, body: str
) -> Recommendation:
    body = (body or "").strip()
    errors: dict[str, str] = {}
    if author.pk == receiver.pk:
        errors["__all__"] = "You cannot recommend yourself."
    if relationship not in Recommendation.Relationship.values:
        errors["relationship"] = "Say how you know them."
    if len(body) < BODY_MIN:
        errors["body"] = f"Write at least {BODY_MIN} characters: what did they do well?"
    elif len(body) > BODY_MAX:
        errors["body"] = f"Keep it under {BODY_MAX} characters."
    if errors:
        raise ValidationError(errors)
    if is_blocked_between(author, receiver):
        raise ValidationError("You cannot write a recommendation for this member.")
    if Recommendation.objects.filter(
        author=author, receiver=receiver, status=Recommendation.Status.PENDING
    ).exists():
        raise ValidationError("Your earlier recommendation is still waiting for their approval.")
    rate_limit_check(
        key=f"growth-recommendation:{author.pk}",
        limit=WRITE_LIMIT,
        window_seconds=WRITE_WINDOW,
        action="written recommendations",
    )
    try:
        with transaction.atomic():
            return Recommendation.objects.create(
                author=author, receiver=receiver, relationship=relationship, body=body
            )
    except IntegrityError:  # a double submit raced past the check above
        raise ValidationError(
            "Your earlier recommendation is still waiting for their approval."
        ) from None


@transaction.atomic
def recommendation_decide(*, recommendation: Recommendation, approve: bool) -> Recommendation:
    """The receiver approves (it shows on their profile) or declines/takes it down."""
    recommendation.status = (
        Recommendation.Status.APPROVED if approve else Recommendation.Status.DECLINED
    )
    recommendation.decided_at = timezone.now()
    recommendation.save(update_fields=["status", "decided_at"])
    return recommendation


@transaction.atomic
def recommendation_withdraw(*, recommendation: Recommendation) -> None:
    """The author takes it back, whatever its status."""
    recommendation.delete()
