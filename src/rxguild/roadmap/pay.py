"""Member pay reports in buckets: never one member's pay.

Pure Python (no Django import). A bucket (state, setting, ... as chosen) is shown only when it
holds at least `MIN_REPORTS` approved reports, and then only its count and median: no minimum,
maximum or list, so no figure belongs to one person. "Does a CSPT pay more here?" compares the
median with the credential and without it, each side shown only if it reaches the same
threshold.

Known limit (said on the page too): a bucket that grows from 5 to 6 reports moves its median by
one report's worth; someone watching both could learn a little about the sixth. Buckets are
recomputed from approved reports only, and moderation batches approvals, which blurs this.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter

MIN_REPORTS = 5
CENT = Decimal("0.01")
GROUPINGS = ("state", "setting", "shift", "years_band")


@dataclass(frozen=True)
class PayPoint:
    # Whole cents: sorting ints is several times faster than sorting Decimals, and medians over
    # 100,000 reports are mostly sorting.
    hourly_cents: int
    state: str
    setting: str
    shift: str
    years: int
    credentials: frozenset[str]

    @property
    def years_band(self) -> str:
        return years_band(self.years)


# Index = years of experience, capped at 10: a list look-up instead of comparisons per report.
_BANDS = ("0-1", "0-1", "2-4", "2-4", "2-4", "5-9", "5-9", "5-9", "5-9", "5-9", "10+")


def years_band(years: int) -> str:
    return _BANDS[min(max(years, 0), 10)]


def _key_function(by: Sequence[str]) -> Callable[[PayPoint], tuple[str, ...]]:
    getters: list[Callable[[PayPoint], str]] = [
        (lambda p: _BANDS[p.years if 0 <= p.years < 10 else min(max(p.years, 0), 10)])
        if name == "years_band"
        else attrgetter(name)
        for name in by
    ]
    if len(getters) == 1:
        only = getters[0]
        return lambda p: (only(p),)
    return lambda p: tuple(get(p) for get in getters)


@dataclass(frozen=True)
class Bucket:
    key: tuple[str, ...]
    count: int
    median: Decimal


def median(cents: Sequence[int]) -> Decimal:
    """The median in dollars (two places) of figures in cents."""
    ordered = sorted(cents)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return (Decimal(ordered[middle]) / 100).quantize(CENT)
    return (Decimal(ordered[middle - 1] + ordered[middle]) / 200).quantize(CENT)


def to_cents(hourly: Decimal) -> int:
    return int((hourly * 100).to_integral_value())


def buckets(
    points: Iterable[PayPoint], *, by: Sequence[str], minimum: int = MIN_REPORTS
) -> list[Bucket]:
    """Approved points grouped `by` the named fields; groups under `minimum` are left out."""
    unknown = set(by) - set(GROUPINGS)
    if unknown:
        raise ValueError(f"cannot group by {', '.join(sorted(unknown))}")
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    if tuple(by) == ("state", "setting"):  # the page's main grouping, without getattr per point
        for point in points:
            groups[(point.state, point.setting)].append(point.hourly_cents)
    else:
        key = _key_function(by)
        for point in points:
            groups[key(point)].append(point.hourly_cents)
    return sorted(
        (
            Bucket(key=key, count=len(values), median=median(values))
            for key, values in groups.items()
            if len(values) >= max(minimum, MIN_REPORTS)
        ),
        key=lambda b: b.key,
    )


def overall(points: Iterable[PayPoint], *, key: tuple[str, ...] = ()) -> Bucket | None:
    """All `points` as one group, or None under MIN_REPORTS."""
    values = [point.hourly_cents for point in points]
    if len(values) < MIN_REPORTS:
        return None
    return Bucket(key=key, count=len(values), median=median(values))


@dataclass(frozen=True)
class CredentialComparison:
    credential: str
    with_credential: Bucket | None  # None: fewer than MIN_REPORTS
    without_credential: Bucket | None

    @property
    def difference(self) -> Decimal | None:
        if self.with_credential is None or self.without_credential is None:
            return None
        return self.with_credential.median - self.without_credential.median


def compare_credential(
    points: Iterable[PayPoint], *, credential: str, state: str = "", setting: str = ""
) -> CredentialComparison:
    """Median pay with and without `credential` among reports matching state and setting."""
    having: list[int] = []
    lacking: list[int] = []
    for point in points:
        if state and point.state != state:
            continue
        if setting and point.setting != setting:
            continue
        (having if credential in point.credentials else lacking).append(point.hourly_cents)
    key = (state, setting)

    def bucket(values: list[int]) -> Bucket | None:
        if len(values) < MIN_REPORTS:
            return None
        return Bucket(key=key, count=len(values), median=median(values))

    return CredentialComparison(
        credential=credential, with_credential=bucket(having), without_credential=bucket(lacking)
    )
