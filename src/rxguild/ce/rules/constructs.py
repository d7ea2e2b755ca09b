"""Reading the issue #19 constructs: approved course lists, national certification and
carry-over (each with its own source, checked date and confidence)."""

from __future__ import annotations

import re

from rxguild.ce.rules.model import (
    CERTIFICATION_EFFECTS,
    CONFIDENCES,
    ApprovedList,
    CarryOver,
    CertificationRule,
    Requirement,
)
from rxguild.ce.rules.reader import _Reader

PROVIDER_NUMBER = re.compile(r"[0-9]{4}")
UAN = re.compile(r"[0-9]{4}-[0-9]{4}-[0-9]{2}-[0-9]{3}-[LHB][0-9]{2}-[TP]")
CERTIFICATION_CODE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _url(reader: _Reader, name: str) -> str:
    value = reader.text(name)
    if not value.startswith(("https://", "http://")):
        raise reader.error(name, "must be a URL starting with https:// or http://")
    return value


def read_approved(reader: _Reader) -> ApprovedList | None:
    """``approved = { name, url, providers, uans, source, checked, confidence }``."""
    if "approved" not in reader.table:
        return None
    sub = _Reader(reader.filename, f"{reader.where}.approved", reader.table_of("approved"))
    providers = sub.strings("providers")
    uans = sub.strings("uans")
    for provider in providers:
        if not PROVIDER_NUMBER.fullmatch(provider):
            raise sub.error("providers", f"has {provider!r}; ACPE provider numbers are 4 digits")
    for uan in uans:
        if not UAN.fullmatch(uan):
            raise sub.error("uans", f"has {uan!r}; expected a UAN like 0204-0000-20-001-L01-T")
    known = {"name", "url", "providers", "uans", "source", "checked", "confidence"}
    unknown = set(sub.table) - known
    if unknown:
        raise sub.error(sorted(unknown)[0], "is not a known field of an approved list")
    return ApprovedList(
        name=sub.text("name"),
        url=_url(sub, "url"),
        source=_url(sub, "source"),
        checked=sub.checked(),
        confidence=sub.choice("confidence", CONFIDENCES),
        providers=frozenset(providers),
        uans=frozenset(uans),
    )


def read_certification(reader: _Reader, codes: list[str]) -> CertificationRule | None:
    """``[national_certification]``: what a current national certification does."""
    raw = reader.table_of("national_certification")
    if not raw:
        return None
    sub = _Reader(reader.filename, "national_certification", raw)
    effect = sub.choice("effect", CERTIFICATION_EFFECTS)
    certifications = sub.strings("certifications", required=True)
    for code in certifications:
        if not CERTIFICATION_CODE.fullmatch(code):
            raise sub.error("certifications", f"has {code!r}; expected a credential code")
    excepted = sub.strings("except_requirements")
    for code in excepted:
        if code not in codes:
            raise sub.error("except_requirements", f"names unknown requirement {code!r}")
    if excepted and effect != "satisfies_ce":
        raise sub.error("except_requirements", "applies only when the effect is 'satisfies_ce'")
    if effect == "satisfies_ce" and not codes:
        raise sub.error("effect", "is 'satisfies_ce' but the rule set lists no requirements")
    return CertificationRule(
        effect=effect,
        certifications=frozenset(certifications),
        label=sub.text("label"),
        source=_url(sub, "source"),
        checked=sub.checked(),
        confidence=sub.choice("confidence", CONFIDENCES),
        except_requirements=frozenset(excepted),
        note=sub.text("note", default=""),
    )


def read_carry_over(reader: _Reader, requirements: tuple[Requirement, ...]) -> CarryOver | None:
    """``[carry_over]``: hours beyond one requirement carry into the next cycle."""
    raw = reader.table_of("carry_over")
    if not raw:
        return None
    sub = _Reader(reader.filename, "carry_over", raw)
    code = sub.text("requirement")
    target = next((r for r in requirements if r.code == code), None)
    if target is None:
        raise sub.error("requirement", f"names unknown requirement {code!r}")
    if target.kind == "training":
        raise sub.error("requirement", "must be an hours requirement, not a training")
    return CarryOver(
        requirement=code,
        source=_url(sub, "source"),
        checked=sub.checked(),
        confidence=sub.choice("confidence", CONFIDENCES),
        max_hours=sub.decimal("max_hours") if "max_hours" in raw else None,
        note=sub.text("note", default=""),
    )
