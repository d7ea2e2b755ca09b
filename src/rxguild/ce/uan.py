"""ACPE Universal Activity Numbers (UANs): parse, validate and explain them.

Pure engine: no Django import, so the CE app, the API, imports and the benchmarks share it.

Format (ACPE, NABP; reference §4.1): ``PPPP-JJJJ-YY-SSS-FTT-A``
  PPPP provider number, JJJJ joint-provider code (0000 provided alone, 9999 jointly provided),
  YY release year, SSS sequence, F format (L live, H home study; B accepted, see below),
  TT topic designator (01-08), A audience (P pharmacist, T technician).
Legacy form (reference §4.1, NC board page): ``PPP-JJJ-YY-SSS-FTT`` with a three-digit provider
and joint field and no audience suffix.

What we tolerate from a paste: surrounding text whitespace, lower case, spaces instead of or
around hyphens, and en/em dashes or minus signs instead of hyphens. What we never do: guess a
missing or wrong part. A bad number raises :class:`UanError` naming the bad part.

Year pivot: two-digit years follow the POSIX/C ``%y`` rule (the one Python's ``strptime`` uses):
``00``-``68`` mean 2000-2068 and ``69``-``99`` mean 1969-1999. It is fixed, not relative to
today's date, so the parse of a number never changes with the clock. UANs only began in the
2000s, so every real number lands in the 2000s; the pivot only matters for junk input.

The ``B`` format letter is unverified (reference §10 item 2): ACPE now issues separate L and H
numbers. We accept it when reading (old certificates may carry it) and describe it as "both".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rxguild.core.factfiles import read_toml

DATA_DIR = Path(__file__).resolve().parents[3] / "data" / "ce"
PROVIDERS_FILE = DATA_DIR / "acpe_providers.toml"
TOPICS_FILE = DATA_DIR / "acpe_topics.toml"

JOINT_ALONE = "0000"
JOINT_JOINTLY = "9999"
LEGACY_JOINT_ALONE = "000"
LEGACY_JOINT_JOINTLY = "999"

FORMATS: dict[str, str] = {"L": "Live", "H": "Home study", "B": "Live and home study"}
AUDIENCES: dict[str, str] = {"P": "Pharmacist", "T": "Pharmacy technician"}

# Year pivot (see module docstring): 00-68 -> 20xx, 69-99 -> 19xx.
YEAR_PIVOT = 69

# Characters people paste instead of a hyphen: en dash, em dash, minus sign, figure dash,
# non-breaking hyphen, small/full-width hyphen-minus.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_TRANSLATION = str.maketrans(dict.fromkeys(_DASHES, "-"))
# A separator is any run of hyphens and spaces (so "0204 - 0000" is one separator).
_SEPARATOR = re.compile(r"[\s\-]+")


class UanError(ValueError):
    """A UAN that could not be read. ``part`` names the bad segment; ``str(e)`` is for members."""

    PARTS = (
        "provider",
        "joint_provider",
        "year",
        "sequence",
        "format",
        "topic",
        "audience",
        "shape",
    )

    def __init__(self, part: str, message: str) -> None:
        if part not in self.PARTS:
            raise ValueError(f"unknown UAN part {part!r}")
        super().__init__(message)
        self.part = part


@dataclass(frozen=True)
class Uan:
    """A valid UAN, decoded. ``normalized`` is the canonical hyphenated upper-case form."""

    normalized: str
    provider: str
    provider_name: str | None
    joint_provider: str
    jointly_provided: bool
    year: int
    sequence: str
    format: str
    topic_code: str
    topic_name: str
    audience: str | None
    legacy: bool

    @property
    def format_name(self) -> str:
        return FORMATS[self.format]

    @property
    def audience_name(self) -> str | None:
        return AUDIENCES[self.audience] if self.audience else None


def _read_toml(path: Path) -> dict[str, Any]:
    return read_toml(path)


def load_providers(path: Path | None = None) -> dict[str, str]:
    """Provider number -> name, from ``data/ce/acpe_providers.toml``.

    Every entry must carry a ``source`` and ``confidence``; a file without them is refused so an
    unsourced name never reaches a member.
    """
    if path is None:
        return dict(_default_providers())
    return _load_providers(path)


@lru_cache(maxsize=1)
def _default_providers() -> Mapping[str, str]:
    return _load_providers(PROVIDERS_FILE)


def _load_providers(path: Path) -> dict[str, str]:
    raw = _read_toml(path).get("providers", {})
    providers: dict[str, str] = {}
    for number, entry in raw.items():
        where = f"{path.name}: provider {number!r}"
        if not re.fullmatch(r"[0-9]{3,4}", number):
            raise ValueError(f"{where}: the number must be 3 or 4 digits")
        for field in ("name", "source", "confidence"):
            if not isinstance(entry.get(field), str) or not entry[field].strip():
                raise ValueError(f"{where}: field {field!r} is missing or empty")
        providers[number] = entry["name"]
    return providers


def load_topics(path: Path | None = None) -> dict[str, str]:
    """Topic designator -> name, from ``data/ce/acpe_topics.toml``."""
    if path is None:
        return dict(_default_topics())
    return _load_topics(path)


@lru_cache(maxsize=1)
def _default_topics() -> Mapping[str, str]:
    return _load_topics(TOPICS_FILE)


def _load_topics(path: Path) -> dict[str, str]:
    raw = _read_toml(path)
    if not raw.get("meta", {}).get("sources"):
        raise ValueError(f"{path.name}: [meta] sources is missing")
    topics: dict[str, str] = {}
    for code, entry in raw.get("topics", {}).items():
        if not re.fullmatch(r"[0-9]{2}", code):
            raise ValueError(f"{path.name}: topic {code!r} must be two digits")
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise ValueError(f"{path.name}: topic {code!r}: field 'name' is missing or empty")
        topics[code] = entry["name"]
    return topics


def normalize_uan_text(text: str) -> str:
    """Upper-case, dashes unified, separators collapsed to single hyphens; no other changes."""
    cleaned = text.translate(_DASH_TRANSLATION).strip().upper()
    return _SEPARATOR.sub("-", cleaned).strip("-")


def year_from_two_digits(two_digits: int) -> int:
    """Two-digit UAN year to four digits with the fixed POSIX pivot (see module docstring)."""
    if not 0 <= two_digits <= 99:
        raise ValueError("two_digits must be 0-99")
    return (1900 if two_digits >= YEAR_PIVOT else 2000) + two_digits


def _shape_error(shown: str) -> UanError:
    return UanError(
        "shape",
        f"“{shown}” is not shaped like an ACPE activity number. Expected "
        "PPPP-JJJJ-YY-SSS-FTT-A, for example 0204-0000-20-001-L01-P "
        "(or the older PPP-JJJ-YY-SSS-FTT without the final letter).",
    )


def parse_uan(text: str, *, providers: Mapping[str, str] | None = None) -> Uan:
    """Parse and validate one UAN. Raises :class:`UanError` naming the first bad part.

    ``providers`` maps provider numbers to names; by default the sourced data file is used.
    """
    if providers is None:
        providers = _default_providers()
    topics = _default_topics()
    shown = text.strip()
    normalized_text = normalize_uan_text(text)
    segments = normalized_text.split("-") if normalized_text else []
    # A 17-character paste with no separators at all (NABP: "always 17 letters/numbers") is
    # unambiguous by position, so we split it; any other unseparated string is refused.
    if len(segments) == 1 and re.fullmatch(r"[0-9]{13}[A-Z][0-9]{2}[A-Z]", segments[0]):
        s = segments[0]
        segments = [s[0:4], s[4:8], s[8:10], s[10:13], s[13:16], s[16:17]]

    if len(segments) == 6:
        legacy = False
        provider, joint, year_text, sequence, format_topic, audience_text = segments
        width = 4
    elif len(segments) == 5:
        legacy = True
        provider, joint, year_text, sequence, format_topic = segments
        audience_text = None
        width = 3
        if re.fullmatch(r"[0-9]{4}", provider):
            # A four-digit provider means a current-style number with the audience letter missing;
            # guessing P or T would change what the hours count for, so we ask.
            raise UanError(
                "audience",
                f"“{shown}” is missing the audience letter at the end: -T (technician) or "
                "-P (pharmacist). Copy it from your certificate.",
            )
    else:
        raise _shape_error(shown)

    if not re.fullmatch(rf"[0-9]{{{width}}}", provider):
        raise UanError(
            "provider",
            f"The provider number “{provider}” in “{shown}” should be {width} digits.",
        )
    alone, jointly = (
        (LEGACY_JOINT_ALONE, LEGACY_JOINT_JOINTLY) if legacy else (JOINT_ALONE, JOINT_JOINTLY)
    )
    if joint not in (alone, jointly):
        raise UanError(
            "joint_provider",
            f"The second part “{joint}” in “{shown}” should be {alone} (provided alone) or "
            f"{jointly} (jointly provided).",
        )
    if not re.fullmatch(r"[0-9]{2}", year_text):
        raise UanError(
            "year",
            f"The year “{year_text}” in “{shown}” should be two digits, such as 24.",
        )
    if not re.fullmatch(r"[0-9]{3}", sequence):
        raise UanError(
            "sequence",
            f"The activity sequence “{sequence}” in “{shown}” should be three digits, such as 001.",
        )
    if len(format_topic) != 3:
        raise UanError(
            "format" if not format_topic[:1].isalpha() else "topic",
            f"The part “{format_topic}” in “{shown}” should be a letter (L live, H home study) "
            "followed by a two-digit topic, such as L05.",
        )
    format_letter, topic_code = format_topic[0], format_topic[1:]
    if format_letter not in FORMATS:
        raise UanError(
            "format",
            f"The format letter “{format_letter}” in “{shown}” should be L (live) or "
            "H (home study).",
        )
    if topic_code not in topics:
        known = ", ".join(sorted(topics))
        raise UanError(
            "topic",
            f"The topic “{topic_code}” in “{shown}” is not an ACPE topic designator we know "
            f"({known}).",
        )
    audience: str | None = None
    if audience_text is not None:
        if audience_text not in AUDIENCES:
            raise UanError(
                "audience",
                f"The last letter “{audience_text}” in “{shown}” should be T (technician) or "
                "P (pharmacist).",
            )
        audience = audience_text

    parts = [provider, joint, year_text, sequence, format_topic]
    if audience:
        parts.append(audience)
    return Uan(
        normalized="-".join(parts),
        provider=provider,
        provider_name=providers.get(provider),
        joint_provider=joint,
        jointly_provided=joint == jointly,
        year=year_from_two_digits(int(year_text)),
        sequence=sequence,
        format=format_letter,
        topic_code=topic_code,
        topic_name=topics[topic_code],
        audience=audience,
        legacy=legacy,
    )
