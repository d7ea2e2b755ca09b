"""Which official pay figure is "the member's area": a metropolitan area's, else the state's.

Pure Python (no Django import). RxGuild has no ZIP-to-metro table; the only location data is
the `zipcodes` package (ZIP -> city and state, via `jobs.geo`). A metro's official title names
its principal cities ("Seattle-Tacoma-Bellevue", "Grand Rapids-Kentwood, MI"), so a member
whose ZIP's city is one of those, in the metro's state, is matched to it, and the page says it
was matched that way. Anyone else, or anyone the guess gets wrong, picks the metro from the list;
with none picked (or none with a figure) the state's figure is shown and the page says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

CHOSEN = "chosen"  # the member picked it
MATCHED = "matched"  # their ZIP's city is one of the metro's named cities
NONE = ""

_STATE_SUFFIX = re.compile(r",\s*[A-Z]{2}(?:-[A-Z]{2})*$")


class MetroRow(Protocol):
    @property
    def msa_code(self) -> str: ...
    @property
    def msa_name(self) -> str: ...
    @property
    def area(self) -> str: ...


def principal_cities(msa_name: str) -> tuple[str, ...]:
    """The cities a metro's title names. Titles join them with "-", or with "--" when a city's
    own name has a hyphen ("Sacramento--Roseville--Arden-Arcade": Sacramento, Roseville,
    Arden-Arcade)."""
    title = _STATE_SUFFIX.sub("", msa_name.strip())
    parts = title.split("--") if "--" in title else title.split("-")
    return tuple(part.strip() for part in parts if part.strip())


def match_metro(rows: Iterable[MetroRow], *, state: str, city: str) -> str:
    """The metro code whose title names `city`, in `state`; "" when none or several do."""
    wanted = city.strip().casefold()
    if not wanted or not state:
        return ""
    codes = {
        row.msa_code
        for row in rows
        if row.area == state and wanted in (c.casefold() for c in principal_cities(row.msa_name))
    }
    return codes.pop() if len(codes) == 1 else ""


@dataclass(frozen=True)
class MetroOption:
    code: str
    name: str
    state: str


def metro_options(rows: Iterable[MetroRow], *, state: str) -> list[MetroOption]:
    """One option per metro with a figure, the member's state's first, then by state and name."""
    seen: dict[str, MetroOption] = {}
    for row in rows:
        seen.setdefault(row.msa_code, MetroOption(row.msa_code, row.msa_name, row.area))
    return sorted(seen.values(), key=lambda o: (o.state != state, o.state, o.name))


@dataclass(frozen=True)
class AreaChoice:
    metro_code: str  # "" when the state figure is shown
    how: str  # CHOSEN, MATCHED or NONE
    city: str  # the ZIP's city, when known, so the page can say what it matched or did not


def choose_area(
    options: Sequence[MetroOption], *, state: str, chosen: str, city: str, rows: Iterable[MetroRow]
) -> AreaChoice:
    """The member's pick if it is a metro with a figure, else the ZIP match, else none."""
    if chosen and any(o.code == chosen for o in options):
        return AreaChoice(chosen, CHOSEN, city)
    matched = match_metro(rows, state=state, city=city)
    if matched:
        return AreaChoice(matched, MATCHED, city)
    return AreaChoice("", NONE, city)
