"""Distances for radius search. Pure Python, no Django: plain floats in, plain data out.

Radius search is two steps: a bounding box (a cheap, indexable range on latitude and
longitude that contains the circle) prefilters candidates, then the haversine distance
keeps only those truly within the radius. Distances are to each posting's own point when the
employer gives one, else to its ZIP's (or city's) centre (`place_workplace`). ZIP centroids
come from the `zipcodes` package, which ships the US ZIP data inside the wheel, so no request
ever leaves the server.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

EARTH_RADIUS_MILES = 3958.7613
MILES_PER_DEGREE_LATITUDE = 69.0547  # 2 * pi * R / 360
MAX_RADIUS_MILES = 500.0

_ZIP_RE = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class BoundingBox:
    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float


@dataclass(frozen=True)
class ZipCentroid:
    zip_code: str
    city: str
    state: str
    latitude: float
    longitude: float


class UnknownZipError(ValueError):
    """The ZIP is malformed or not in the shipped ZIP data; the message is for people."""


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(latitude: float, longitude: float, radius_miles: float) -> BoundingBox:
    """The smallest latitude/longitude box containing the circle (slightly larger is fine).

    Longitude degrees shrink with cos(latitude); near the poles the box widens to the whole
    range rather than dividing by ~0 (not a concern for US ZIPs, but it must not crash).
    """
    if radius_miles <= 0:
        raise ValueError("The radius must be positive.")
    d_lat = radius_miles / MILES_PER_DEGREE_LATITUDE
    cos_lat = math.cos(math.radians(latitude))
    if cos_lat < 1e-6:
        d_lon = 180.0
    else:
        d_lon = min(180.0, radius_miles / (MILES_PER_DEGREE_LATITUDE * cos_lat))
    return BoundingBox(
        min_latitude=max(-90.0, latitude - d_lat),
        max_latitude=min(90.0, latitude + d_lat),
        min_longitude=max(-180.0, longitude - d_lon),
        max_longitude=min(180.0, longitude + d_lon),
    )


def within_radius(
    origin: tuple[float, float], points: list[tuple[int, float, float]], radius_miles: float
) -> dict[int, float]:
    """Of (id, lat, lon) points, those within the radius of origin, with their distance."""
    lat0, lon0 = origin
    found: dict[int, float] = {}
    for point_id, lat, lon in points:
        distance = haversine_miles(lat0, lon0, lat, lon)
        if distance <= radius_miles:
            found[point_id] = distance
    return found


@lru_cache(maxsize=1)
def _zip_table() -> dict[str, ZipCentroid]:
    # Loading the package's data takes ~0.7 s; do it once per process, then O(1) lookups.
    import zipcodes  # local import: only radius search and posting saves need it

    table: dict[str, ZipCentroid] = {}
    for row in zipcodes.list_all():
        try:
            lat, lon = float(row["lat"]), float(row["long"])
        except (TypeError, ValueError):
            continue
        table[row["zip_code"]] = ZipCentroid(
            zip_code=row["zip_code"],
            city=str(row.get("city") or "").title(),
            state=str(row.get("state") or ""),
            latitude=lat,
            longitude=lon,
        )
    return table


def zip_centroid(zip_code: str) -> ZipCentroid:
    """The centroid of a 5-digit US ZIP code, or UnknownZipError with a clear message."""
    cleaned = (zip_code or "").strip()
    if not _ZIP_RE.match(cleaned):
        raise UnknownZipError(f"“{cleaned}” is not a 5-digit US ZIP code.")
    centroid = _zip_table().get(cleaned)
    if centroid is None:
        raise UnknownZipError(f"We don't know ZIP code {cleaned}. Check it, or try a nearby one.")
    return centroid


@lru_cache(maxsize=1)
def _city_table() -> dict[tuple[str, str], ZipCentroid]:
    """(city, state) -> the mean of its ZIP centroids: where a posting that names only its
    city is placed (and said to be, on the page)."""
    points: dict[tuple[str, str], list[ZipCentroid]] = {}
    for centroid in _zip_table().values():
        points.setdefault((centroid.city.casefold(), centroid.state), []).append(centroid)
    return {
        key: ZipCentroid(
            zip_code="",
            city=rows[0].city,
            state=rows[0].state,
            latitude=round(sum(r.latitude for r in rows) / len(rows), 4),
            longitude=round(sum(r.longitude for r in rows) / len(rows), 4),
        )
        for key, rows in points.items()
    }


def city_centroid(city: str, state: str) -> ZipCentroid | None:
    return _city_table().get(((city or "").strip().casefold(), (state or "").strip().upper()))


# A workplace's own point must be near its ZIP (or city): farther means swapped or mistyped
# coordinates. ZIPs in the rural West span tens of miles, hence the margin.
MAX_POINT_FROM_PLACE_MILES = 30.0


@dataclass(frozen=True)
class Workplace:
    """Where a posting is, and how precisely: "point" (the employer's own coordinates),
    "zip" (its ZIP's centre), "city" (its city's centre) or "" (no place: remote)."""

    latitude: float | None
    longitude: float | None
    precision: str
    city: str
    state: str


def _coordinates(
    latitude: object, longitude: object, errors: dict[str, list[str]]
) -> tuple[float, float] | None:
    if latitude in (None, "") and longitude in (None, ""):
        return None
    try:
        lat, lon = float(str(latitude)), float(str(longitude))
    except ValueError:
        errors.setdefault("latitude", []).append(
            "Give both latitude and longitude as decimal degrees (e.g. 29.7079, -95.4011)."
        )
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        errors.setdefault("latitude", []).append(
            "Latitude is between -90 and 90 and longitude between -180 and 180."
        )
        return None
    return lat, lon


def place_workplace(
    *,
    zip_code: str,
    city: str,
    state: str,
    latitude: object = None,
    longitude: object = None,
    needs_place: bool = True,
) -> tuple[Workplace, dict[str, list[str]]]:
    """Place a posting from what the employer gave, most precise first; messages per field.

    Its own point when given (checked against its ZIP or city), else its ZIP's centre, else
    its city's centre; `needs_place` (on-site and hybrid postings) makes a missing place an
    error.
    """
    errors: dict[str, list[str]] = {}
    zip_code, city, state = (zip_code or "").strip(), (city or "").strip(), (state or "").strip()
    state = state.upper()
    point = _coordinates(latitude, longitude, errors)
    area: ZipCentroid | None = None
    if zip_code:
        try:
            area = zip_centroid(zip_code)
        except UnknownZipError as error:
            errors.setdefault("zip_code", []).append(str(error))
        else:
            if state and state != area.state:
                errors.setdefault("state", []).append(
                    f"ZIP {zip_code} is in {area.state}, not {state}."
                )
            state, city = state or area.state, city or area.city
    elif city and state:
        area = city_centroid(city, state)
        if area is None and point is None:
            errors.setdefault("city", []).append(
                f"We don't know {city}, {state}. Add the workplace's ZIP code."
            )
    elif needs_place and point is None:
        errors.setdefault("zip_code", []).append(
            "On-site and hybrid postings need the workplace's ZIP code (or its city and state)."
        )
    if point is not None and area is not None:
        away = haversine_miles(point[0], point[1], area.latitude, area.longitude)
        if away > MAX_POINT_FROM_PLACE_MILES:
            where = f"ZIP {zip_code}" if zip_code else f"{area.city}, {area.state}"
            errors.setdefault("latitude", []).append(
                f"That point is {away:,.0f} miles from {where}: check the coordinates."
            )
    if point is not None:
        return Workplace(point[0], point[1], "point", city, state), errors
    if area is not None:
        return Workplace(
            area.latitude, area.longitude, "zip" if zip_code else "city", city, state
        ), errors
    return Workplace(None, None, "", city, state), errors


# Radius search indexes a coarse grid cell per posting: a bounding box becomes a short list
# of cells (an IN on one indexed integer column), so the database reads only postings in
# and near the box instead of a whole latitude band across the country.
CELL_DEGREES = 0.5
_CELLS_PER_ROW = 1000  # > 360 / CELL_DEGREES


def cell_of(latitude: float, longitude: float) -> int:
    row = math.floor((latitude + 90.0) / CELL_DEGREES)
    column = math.floor((longitude + 180.0) / CELL_DEGREES)
    return row * _CELLS_PER_ROW + column


def cells_for_box(box: BoundingBox) -> list[int]:
    """Every grid cell that overlaps the box (a 50-mile box is about 4 x 5 cells)."""
    first_row = math.floor((box.min_latitude + 90.0) / CELL_DEGREES)
    last_row = math.floor((box.max_latitude + 90.0) / CELL_DEGREES)
    first_column = math.floor((box.min_longitude + 180.0) / CELL_DEGREES)
    last_column = math.floor((box.max_longitude + 180.0) / CELL_DEGREES)
    return [
        row * _CELLS_PER_ROW + column
        for row in range(first_row, last_row + 1)
        for column in range(first_column, last_column + 1)
    ]
