"""The framework files: real data validates, and every rule rejects what it should."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rxguild.growth.frameworks import FrameworkDataError, parse_framework, read_frameworks
from rxguild.growth.models import Competency, Framework

DATA = Path(__file__).resolve().parents[2] / "data" / "growth" / "frameworks"


def test_real_files_validate_with_expected_frameworks() -> None:
    entries = {e.code: e for e in read_frameworks(DATA)}
    assert sorted(entries) == [
        "billing",
        "hazardous-drugs",
        "informatics",
        "inventory",
        "nuclear",
        "ptce",
        "soft-skills",
        "sterile-compounding",
    ]


def test_ptce_has_ptcbs_four_domains_and_weights() -> None:
    ptce = next(e for e in read_frameworks(DATA) if e.code == "ptce")
    assert [(d.name, str(d.weight)) for d in ptce.domains] == [
        ("Medications", "40"),
        ("Federal Requirements", "12.5"),
        ("Patient Safety and Quality Assurance", "26.25"),
        ("Order Entry and Processing", "21.25"),
    ]
    assert [len(d.competencies) for d in ptce.domains] == [10, 5, 6, 5]
    assert ptce.source == "https://www.ptcb.org/guidebook/ptce-content-outline"
    assert ptce.confidence == "high"


def test_cspt_domains_and_weights() -> None:
    csp = next(e for e in read_frameworks(DATA) if e.code == "sterile-compounding")
    assert [(d.name, str(d.weight)) for d in csp.domains] == [
        ("Medications and Components", "17"),
        ("Facilities and Equipment", "22"),
        ("Sterile Compounding Procedures", "53"),
        ("Handling, Packaging, Storage, and Disposal", "8"),
    ]


def test_every_framework_states_source_date_and_confidence() -> None:
    for entry in read_frameworks(DATA):
        assert entry.source.startswith("http"), entry.code
        assert entry.checked >= dt.date(2026, 11, 1), entry.code
        assert entry.confidence in ("high", "medium", "low", "unverified"), entry.code


def _minimal(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "version": "1",
        "updated": dt.date(2026, 12, 3),
        "code": "x",
        "name": "X",
        "kind": "core",
        "summary": "S",
        "source": "https://example.org/a",
        "source_title": "T",
        "checked": dt.date(2026, 12, 3),
        "confidence": "high",
        "domains": [
            {
                "code": "x-d",
                "name": "D",
                "competencies": [{"code": "x-c", "name": "C", "description": "Does C."}],
            }
        ],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param({"confidence": "sure"}, "field 'confidence': must be one of", id="confidence"),
        pytest.param(
            {"source": "ptcb.org"}, "field 'source': must be one or more web", id="source"
        ),
        pytest.param({"checked": "soon"}, "field 'checked': must be a date", id="checked"),
        pytest.param({"kind": "misc"}, "field 'kind': must be one of", id="kind"),
        pytest.param({"colour": "red"}, "field 'colour': unknown field", id="unknown-field"),
        pytest.param({"code": "Bad Code"}, "field 'code': use lower-case", id="code"),
        pytest.param({"domains": []}, "field 'domains': must list at least one", id="no-domains"),
    ],
)
def test_bad_framework_fields_are_named(overrides: dict[str, object], message: str) -> None:
    entry, problems = parse_framework("x.toml", _minimal(**overrides))
    assert entry is None
    assert any(message in str(p) for p in problems), [str(p) for p in problems]


def test_bad_topic_and_weights_are_reported_together() -> None:
    data = _minimal(
        domains=[
            {
                "code": "x-d1",
                "name": "D1",
                "weight": "60",
                "competencies": [
                    {"code": "x-c", "name": "C", "description": "Does C.", "ce_topics": ["09"]}
                ],
            },
            {
                "code": "x-d2",
                "name": "D2",
                "weight": "30",
                "competencies": [{"code": "x-c", "name": "C2", "description": "Does C2."}],
            },
        ]
    )
    _, problems = parse_framework("x.toml", data)
    assert [str(p) for p in problems] == [
        "x.toml, domain #1 'x-d1', competency 'x-c', field 'ce_topics': "
        "'09' is not an ACPE topic (01-08)",
        "x.toml, domain #2 'x-d2', competency 'x-c', field 'code': is used twice in this file",
        "x.toml, field 'domains': "
        "weights, when given, must be given for every domain and sum to 100",
    ]


def test_code_shared_between_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text((DATA / "billing.toml").read_text())
    (tmp_path / "b.toml").write_text(
        (DATA / "billing.toml").read_text().replace('code = "billing"', 'code = "billing-2"', 1)
    )
    with pytest.raises(FrameworkDataError) as caught:
        read_frameworks(tmp_path)
    assert "'bill-work' is also used in a.toml" in str(caught.value)


@pytest.mark.django_db
def test_load_is_idempotent_and_retires_dropped_competencies(tmp_path: Path) -> None:
    call_command("load_growth_frameworks")
    assert Framework.objects.count() == 8
    assert Competency.objects.filter(is_active=True).count() == 72
    call_command("load_growth_frameworks")
    assert Competency.objects.count() == 72
    text = (DATA / "nuclear.toml").read_text()
    cut = text.index('[[domains.competencies]]\ncode = "nuc-packaging-transport"')
    (tmp_path / "nuclear.toml").write_text(text[:cut])
    call_command("load_growth_frameworks", path=tmp_path)
    assert not Competency.objects.get(code="nuc-packaging-transport").is_active
    assert Competency.objects.get(code="nuc-radiation-safety").is_active
    assert not Framework.objects.get(code="ptce").is_active


@pytest.mark.django_db
def test_invalid_file_loads_nothing(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("code = [unclosed")
    with pytest.raises(CommandError, match=r"Nothing was loaded:\nbad\.toml: is not valid TOML"):
        call_command("load_growth_frameworks", path=tmp_path)
    assert Framework.objects.count() == 0
