"""The pure geo engine: distances, bounding boxes, ZIP centroids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxguild.jobs import geo


def test_haversine_houston_to_dallas_is_about_229_miles():
    # Houston Medical Center (77030) to downtown Dallas (75201).
    houston = geo.zip_centroid("77030")
    dallas = geo.zip_centroid("75201")
    miles = geo.haversine_miles(
        houston.latitude, houston.longitude, dallas.latitude, dallas.longitude
    )
    assert round(miles) == 229


def test_same_point_is_zero_miles():
    assert geo.haversine_miles(29.7, -95.4, 29.7, -95.4) == 0.0


@given(
    lat=st.floats(min_value=18, max_value=65),
    lon=st.floats(min_value=-170, max_value=-65),
    radius=st.floats(min_value=1, max_value=500),
    bearing_lat=st.floats(min_value=-1, max_value=1),
    bearing_lon=st.floats(min_value=-1, max_value=1),
)
def test_every_point_within_the_radius_is_inside_the_bounding_box(
    lat, lon, radius, bearing_lat, bearing_lon
):
    box = geo.bounding_box(lat, lon, radius)
    # A point somewhere inside the box's extent; if it is within the radius, the box holds it.
    # Each side is measured on its own: near the antimeridian the box is clamped at -180
    # (US postings never lie across it), so mirroring the east side westward would make a
    # point at a longitude that does not exist.
    point_lat = lat + bearing_lat * (
        box.max_latitude - lat if bearing_lat >= 0 else lat - box.min_latitude
    )
    point_lon = lon + bearing_lon * (
        box.max_longitude - lon if bearing_lon >= 0 else lon - box.min_longitude
    )
    if geo.haversine_miles(lat, lon, point_lat, point_lon) <= radius:
        assert box.min_latitude <= point_lat <= box.max_latitude
        assert box.min_longitude <= point_lon <= box.max_longitude
    # And the box's edges due north and due east are at least the radius away.
    assert geo.haversine_miles(lat, lon, box.max_latitude, lon) >= radius * 0.999
    assert geo.haversine_miles(lat, lon, lat, box.max_longitude) >= radius * 0.99


def test_within_radius_keeps_only_close_points():
    origin = (29.7041, -95.401)  # 77030
    points = [(1, 29.7041, -95.401), (2, 29.76, -95.37), (3, 32.78, -96.80)]
    found = geo.within_radius(origin, points, 25)
    assert sorted(found) == [1, 2]
    assert found[1] == 0.0


def test_bounding_box_rejects_a_non_positive_radius():
    with pytest.raises(ValueError, match="positive"):
        geo.bounding_box(30, -95, 0)


@pytest.mark.parametrize(
    ("zip_code", "message"),
    [
        ("7703", "is not a 5-digit US ZIP code"),
        ("77a30", "is not a 5-digit US ZIP code"),
        ("", "is not a 5-digit US ZIP code"),
        ("00000", "We don't know ZIP code 00000"),
    ],
    ids=["short", "letters", "empty", "unknown"],
)
def test_bad_zip_codes_have_clear_messages(zip_code, message):
    with pytest.raises(geo.UnknownZipError, match=message):
        geo.zip_centroid(zip_code)


def test_zip_centroid_comes_from_the_shipped_data():
    centroid = geo.zip_centroid("77030")
    assert (centroid.city, centroid.state) == ("Houston", "TX")
    assert (centroid.latitude, centroid.longitude) == (29.7041, -95.401)
