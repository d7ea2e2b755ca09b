"""Request and response shapes of the roadmap API (targets, gaps, plans, the requirements data)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    detail: Any


class FeeOut(Schema):
    code: str
    label: str
    amount: Decimal
    source: str
    checked: dt.date
    confidence: str
    note: str


class RequirementOut(Schema):
    code: str
    label: str
    kind: str
    note: str
    url: str
    optional: bool
    self_reportable: bool
    fees: list[FeeOut]
    source: str
    checked: dt.date
    confidence: str
    low_confidence: bool


class PathwayOut(Schema):
    code: str
    label: str
    requirements: list[str]


class TargetSpecOut(Schema):
    code: str
    kind: str
    name: str
    credential: str
    specialty: str
    state: str  # registration targets: the state ("TX"); "" otherwise
    board: str  # registration targets: the board's name (url is its page)
    setting: str  # role targets: the practice setting code
    url: str
    note: str
    requirements: list[str]
    pathways: list[PathwayOut]
    includes: list[str]
    source: str
    checked: dt.date
    confidence: str
    low_confidence: bool


class RequirementsDataOut(Schema):
    version: str
    updated: dt.date
    targets: list[TargetSpecOut]
    requirements: list[RequirementOut]


class RequirementGapOut(Schema):
    requirement: RequirementOut
    status: str
    reason: str
    have: Decimal | None
    need: Decimal | None
    unit: str
    self_reported: bool
    counted: list[str]


class PathwayGapOut(Schema):
    code: str
    label: str
    status: str
    requirements: list[RequirementGapOut]


class TargetGapOut(Schema):
    code: str
    name: str
    status: str
    unknown: bool
    held: bool
    low_confidence: bool
    note: str
    source: str
    confidence: str
    requirements: list[RequirementGapOut]
    pathways: list[PathwayGapOut]
    best_pathway: str | None
    included: list[TargetGapOut]


class PlanStepOut(Schema):
    requirement_code: str
    label: str
    kind: str
    status: str
    start: dt.date
    due: dt.date
    estimate: str
    duration_from_data: bool
    member_date: bool
    before_prerequisite: bool
    cost: Decimal | None
    cost_note: str
    after: list[str]
    low_confidence: bool


class PlanOut(Schema):
    start: dt.date
    finish: dt.date
    known_cost: Decimal
    unknown_cost_steps: list[str]
    steps: list[PlanStepOut]


class TargetOut(Schema):
    id: int
    kind: str
    code: str
    posting_id: uuid.UUID | None
    name: str
    created_at: dt.datetime
    gap: TargetGapOut | None
    plan: PlanOut | None


class PlanDateIn(Schema):
    requirement_code: str
    due_on: dt.date | None = None


class ComparisonOut(Schema):
    name: str
    target_id: int | None
    posting_id: uuid.UUID | None
    status: str
    still_needed: list[str]
    finish: dt.date
    known_cost: Decimal
    unknown_costs: int
    low_confidence: bool


class TargetIn(Schema):
    code: str = ""
    posting_id: uuid.UUID | None = None


class StepDoneIn(Schema):
    requirement_code: str
    done_on: dt.date | None = None


class StepDoneOut(Schema):
    requirement_code: str
    done_on: dt.date
