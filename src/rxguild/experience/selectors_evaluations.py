"""Reads of preceptors' evaluations: the checklist as rows with names, and each placement's
mid-point and final at a glance (for the student's log and the coordinator's cohort)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rxguild.experience.models import Evaluation, EvaluationKind, EvaluationStatus
from rxguild.experience.reference import evaluation_form


@dataclass(frozen=True)
class RatingRow:
    item: str
    rating: int
    rating_name: str
    comment: str


def evaluation_rows(evaluation: Evaluation) -> list[RatingRow]:
    form = evaluation_form()
    return [
        RatingRow(
            item=form.item_name(row["item"]),
            rating=row["rating"],
            rating_name=form.rating_name(row["rating"]),
            comment=row.get("comment", ""),
        )
        for row in evaluation.ratings
    ]


def evaluation_mean(evaluation: Evaluation) -> Decimal | None:
    """The mean of the observed items, to a tenth; "not observed" never lowers it."""
    observed = [row["rating"] for row in evaluation.ratings if row["rating"] > 0]
    if not observed:
        return None
    return (Decimal(sum(observed)) / len(observed)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class EvaluationState:
    kind: str
    label: str
    status: str  # "none", "pending" or "submitted"
    mean: Decimal | None
    evaluation: Evaluation | None

    @property
    def text(self) -> str:
        if self.status == "submitted":
            return f"completed (mean {self.mean} of 4)" if self.mean else "completed"
        return "waiting for the preceptor" if self.status == "pending" else "not requested"


def evaluation_states(evaluations: Iterable[Evaluation]) -> list[EvaluationState]:
    """Mid-point then final: the completed one if any, else the one waiting."""
    by_kind: dict[str, Evaluation] = {}
    for evaluation in evaluations:
        if evaluation.status == EvaluationStatus.WITHDRAWN:
            continue
        current = by_kind.get(evaluation.kind)
        if current is None or (
            current.status != EvaluationStatus.SUBMITTED
            and evaluation.status == EvaluationStatus.SUBMITTED
        ):
            by_kind[evaluation.kind] = evaluation
    states = []
    for kind in EvaluationKind:
        found = by_kind.get(kind.value)
        states.append(
            EvaluationState(
                kind=kind.value,
                label=kind.label,
                status=found.status if found else "none",
                mean=evaluation_mean(found) if found and found.status == "submitted" else None,
                evaluation=found,
            )
        )
    return states
