"""The CE demo's data file: the seeder's story is data, read exactly and checked here."""

from __future__ import annotations

from decimal import Decimal

from rxguild.ce.demo_data import DATA_FILE, demo_ce, parse
from rxguild.ce.uan import load_providers, parse_uan
from rxguild.core.factfiles import read_toml


def test_the_shipped_file_holds_the_demo_story() -> None:
    data = demo_ce()

    assert [c.code for c in data.credentials] == ["ptcb-cpht", "state-tx-technician"]
    assert len(data.transcript) == 14
    assert len(data.courses) == 30
    # Hours and costs are exact decimals, never floats.
    assert sum(r.hours for r in data.transcript) == Decimal("21.5")
    assert {c.cost for c in data.courses} >= {Decimal("9.99"), Decimal("14.99")}


def test_every_activity_number_is_a_real_providers_valid_uan() -> None:
    data = demo_ce()
    providers = load_providers()

    for record in data.transcript:
        if record.uan_template:
            uan = parse_uan(record.uan_template.format(yy="26"), providers=providers)
            assert uan.provider_name, record.title
    for course in data.courses:
        assert course.provider in providers, course.title
        uan = f"{course.provider}-0000-26-{course.sequence}-{course.designator}-{course.audience}"
        assert parse_uan(uan, providers=providers).audience == course.audience


def test_titles_are_unique_because_the_seeder_keys_on_them() -> None:
    data = demo_ce()

    assert len({r.title for r in data.transcript}) == len(data.transcript)
    assert len({(c.provider, c.title) for c in data.courses}) == len(data.courses)


def test_a_changed_file_changes_what_is_read(tmp_path) -> None:
    raw = read_toml(DATA_FILE, parse_float=Decimal)
    raw["transcript"] = raw["transcript"][:1]
    raw["transcript"][0]["hours"] = Decimal("0.25")

    data = parse(raw)

    assert [(r.title, r.hours) for r in data.transcript] == [
        ("Preventing look-alike, sound-alike medication errors", Decimal("0.25"))
    ]
