"""Distances for radius search. Pure Python, no Django: plain floats in, plain data out.

Radius search is two steps: a bounding box (a cheap, indexable range on latitude and
longitude that contains the circle) prefilters candidates, then the haversine distance
keeps only those truly within the radius. ZIP centroids come from the `zipcodes` package,
which ships the US ZIP data inside the wheel, so no request ever leaves the server.
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
