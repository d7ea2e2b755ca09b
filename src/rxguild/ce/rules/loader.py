"""Loading rule-set files: requirements, first-renewal tiers, expiry, the whole rule set."""

from __future__ import annotations

import calendar
from decimal import Decimal
from pathlib import Path
from typing import Any

from rxguild.ce.rules.constructs import read_approved, read_carry_over, read_certification
from rxguild.ce.rules.model import (
    CONDITIONS,
    CONFIDENCES,
    CYCLE_MONTHS,
    DEADLINE_RULES,
    EXPIRY_RULES,
    EXPIRY_YEARS,
    REQUIREMENT_KINDS,
    RULE_SETS_DIR,
    WINDOWS,
    Expiry,
    FirstRenewalTier,
    Reinstatement,
    Requirement,
    RuleSet,
    RuleSetError,
)
from rxguild.ce.rules.reader import _read_caps, _read_match, _Reader
from rxguild.core.factfiles import FactFileError, read_toml


def _read_requirement(filename: str, table: dict[str, Any], index: int) -> Requirement:
    code = table.get("code") if isinstance(table.get("code"), str) else f"#{index + 1}"
    reader = _Reader(filename, f"requirement {code!r}", table)
    kind = reader.choice("kind", REQUIREMENT_KINDS)
    window_months = reader.integer("window_months")
    if window_months is not None and not 1 <= window_months <= 36:
        raise reader.error("window_months", "must be between 1 and 36")
    requirement = Requirement(
        code=reader.text("code"),
        label=reader.text("label"),
        kind=kind,
        required=reader.decimal("required"),
        match=_read_match(reader),
        source=reader.text("source"),
        confidence=reader.choice("confidence", CONFIDENCES),
        caps=_read_caps(reader, f"requirement {code!r}"),
        window_months=window_months,
        window=reader.choice("window", WINDOWS, default="cycle"),
        applies_in_first_cycle=reader.boolean("applies_in_first_cycle", default=False),
        note=reader.text("note", default=""),
        checked=reader.checked(),
        prorate_per_month=(
            reader.decimal("prorate_per_month") if "prorate_per_month" in table else None
        ),
        applies_if=(
            reader.choice("applies_if", tuple(CONDITIONS)) if "applies_if" in table else ""
        ),
        approved=read_approved(reader),
    )
    if requirement.prorate_per_month is not None and kind == "training":
        raise reader.error("prorate_per_month", "applies to hours, not to a training")
    if requirement.applies_if == "first_renewal" and requirement.applies_in_first_cycle:
        raise reader.error("applies_in_first_cycle", "is implied by applies_if = 'first_renewal'")
    if kind == "training" and requirement.required != requirement.required.to_integral_value():
        raise reader.error("required", "must be a whole number of completions for a training")
    return requirement


def _read_first_renewal_tiers(reader: _Reader, codes: list[str]) -> tuple[FirstRenewalTier, ...]:
    raw = reader.table.get("first_renewal", [])
    if not isinstance(raw, list):
        raise reader.error("first_renewal", "must be a list of [[first_renewal]] tables")
    tiers: list[FirstRenewalTier] = []
    for index, table in enumerate(raw):
        if not isinstance(table, dict):
            raise reader.error("first_renewal", "must be a list of [[first_renewal]] tables")
        tier = _Reader(reader.filename, f"first_renewal #{index + 1}", table)
        months = tier.integer("registered_months_at_least")
        if months is None or not 1 <= months <= 36:
            raise tier.error("registered_months_at_least", "must be between 1 and 36")
        overrides = tier.table_of("required")
        if not overrides:
            raise tier.error("required", "must name at least one requirement")
        for requirement_code in overrides:
            if requirement_code not in codes:
                raise tier.error("required", f"names unknown requirement {requirement_code!r}")
        amounts = _Reader(reader.filename, f"first_renewal #{index + 1}.required", overrides)
        tiers.append(
            FirstRenewalTier(
                months=months,
                required={key: amounts.decimal(key) for key in overrides},
                source=tier.text("source"),
                checked=tier.checked(),
                confidence=tier.choice("confidence", CONFIDENCES),
            )
        )
    thresholds = [t.months for t in tiers]
    if len(set(thresholds)) != len(thresholds):
        raise reader.error("first_renewal", "has two tiers with the same months")
    return tuple(sorted(tiers, key=lambda t: t.months))


def _read_expiry(reader: _Reader) -> Expiry | None:
    raw = reader.table_of("expiry")
    if not raw:
        return None
    sub = _Reader(reader.filename, "expiry", raw)
    rule = sub.choice("rule", EXPIRY_RULES)
    every_years = sub.integer("every_years", default=1)
    if every_years not in (1, 2, 3):
        raise sub.error("every_years", "must be 1, 2 or 3")
    month = sub.integer("month")
    day = sub.integer("day")
    years = sub.choice("years", EXPIRY_YEARS, default="any")
    first_after_months = sub.integer("first_after_months", default=0) or 0
    if first_after_months and rule not in ("birth_month", "birthday"):
        raise sub.error("first_after_months", "applies only to birth_month and birthday")
    if first_after_months > 36:
        raise sub.error("first_after_months", "must be 36 or less")
    if rule == "fixed_date":
        if month is None or not 1 <= month <= 12:
            raise sub.error("month", "must be 1 to 12 for a fixed date")
        if day is None or not 1 <= day <= calendar.monthrange(2023, month)[1]:
            raise sub.error("day", "must be a day that month has every year")
        if years != "any" and every_years != 2:
            raise sub.error("years", "even/odd years only make sense with every_years = 2")
    elif month is not None or day is not None or years != "any":
        raise sub.error("month", f"month, day and years apply only to fixed_date, not {rule}")
    return Expiry(
        rule=rule,
        source=sub.text("source"),
        checked=sub.checked(),
        confidence=sub.choice("confidence", CONFIDENCES),
        month=month,
        day=day,
        every_years=every_years or 1,
        years=years,
        note=sub.text("note", default=""),
        first_after_months=first_after_months,
    )


def parse_rule_set(data: dict[str, Any], *, filename: str = "<rule set>") -> RuleSet:
    """Build a validated :class:`RuleSet` from one parsed TOML document."""
    reader = _Reader(filename, "rule set", data)
    code = reader.text("code")
    raw_requirements = data.get("requirements", [])
    if not isinstance(raw_requirements, list):
        raise reader.error("requirements", "must be a list of [[requirements]] tables")
    requirements = tuple(
        _read_requirement(filename, table, index) for index, table in enumerate(raw_requirements)
    )
    codes = [r.code for r in requirements]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise RuleSetError(f"{filename}: requirement {duplicates[0]!r} is defined twice")

    reinstatement: Reinstatement | None = None
    raw_reinstatement = reader.table_of("reinstatement")
    if raw_reinstatement:
        re_reader = _Reader(filename, "reinstatement", raw_reinstatement)
        overrides = re_reader.table_of("required")
        for requirement_code in overrides:
            if requirement_code not in codes:
                raise re_reader.error("required", f"names unknown requirement {requirement_code!r}")
        amounts = {
            key: _Reader(filename, "reinstatement.required", overrides).decimal(key)
            for key in overrides
        }
        reinstatement = Reinstatement(
            required=amounts, note=re_reader.text("note"), source=re_reader.text("source")
        )

    effective_from = reader.day("effective_from")
    effective_to = reader.day("effective_to", optional=True)
    assert effective_from is not None
    if effective_to is not None and effective_to < effective_from:
        raise reader.error("effective_to", "is before effective_from")
    cycle_months = reader.integer("cycle_months")
    if cycle_months not in CYCLE_MONTHS:
        raise reader.error("cycle_months", "must be 12, 24 or 36")
    no_state_ce = reader.boolean("no_state_ce", default=False)
    if no_state_ce and requirements:
        raise reader.error("no_state_ce", "is true but the rule set lists requirements")
    expiry = _read_expiry(reader)
    if expiry is not None and expiry.every_years * 12 != cycle_months:
        raise reader.error("expiry", f"every_years does not match cycle_months {cycle_months}")
    return RuleSet(
        code=code,
        name=reader.text("name"),
        credential_code=reader.text("credential_code"),
        version=reader.text("version"),
        effective_from=effective_from,
        effective_to=effective_to,
        confidence=reader.choice("confidence", CONFIDENCES),
        sources=reader.strings("sources", required=True),
        cycle_months=cycle_months,
        renewal_window_days=reader.integer("renewal_window_days"),
        requirements=requirements,
        reinstatement=reinstatement,
        first_cycle_exempt=reader.boolean("first_cycle_exempt", default=False),
        notes=reader.strings("notes"),
        caps=_read_caps(reader, "rule set"),
        deadline_rule=reader.choice("deadline_rule", DEADLINE_RULES, default="expiry"),
        reinstatement_months=reader.integer("reinstatement_months"),
        checked=reader.checked(),
        no_state_ce=no_state_ce,
        first_renewal_tiers=_read_first_renewal_tiers(reader, codes),
        expiry=expiry,
        national_certification=read_certification(reader, codes),
        carry_over=read_carry_over(reader, requirements),
        path=filename,
    )


def load_rule_set_file(path: Path) -> RuleSet:
    try:
        data = read_toml(path, parse_float=Decimal)
    except FactFileError as error:
        raise RuleSetError(str(error)) from error
    return parse_rule_set(data, filename=path.name)


def load_rule_sets(path: Path | None = None) -> dict[str, RuleSet]:
    """Every rule set in a directory (default ``data/ce/rule_sets``), keyed by code."""
    directory = path or RULE_SETS_DIR
    files = [directory] if directory.is_file() else sorted(directory.glob("*.toml"))
    rule_sets: dict[str, RuleSet] = {}
    for file in files:
        rule_set = load_rule_set_file(file)
        if rule_set.code in rule_sets:
            raise RuleSetError(
                f"{file.name}: rule set code {rule_set.code!r} is already used by "
                f"{rule_sets[rule_set.code].path}"
            )
        rule_sets[rule_set.code] = rule_set
    return rule_sets
