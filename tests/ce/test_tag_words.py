"""Tags read as words ("Texas law") on every page, and members may type them as words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from rxguild.ce.models import CeRecord
from rxguild.ce.rules import KNOWN_TAGS, Match
from rxguild.ce.tags import TAG_LABELS, tag_from_text, tag_label

from .conftest import add_record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("tag", "label"),
    [
        ("state_law:tx", "Texas law"),
        ("state_law:wa", "Washington law"),
        ("state_law:dc", "District of Columbia law"),
        ("state_law:pr", "Puerto Rico law"),
        ("pharmacy_law", "Pharmacy law"),
        ("pain_symptom_management", "Pain and symptom management"),
        ("lgbtq_cultural_competency", "LGBTQ cultural competency"),
        ("brand_new_tag", "Brand new tag"),
    ],
    ids=["texas", "washington", "dc", "puerto-rico", "plain", "reworded", "acronym", "fallback"],
)
def test_tag_label(tag: str, label: str) -> None:
    assert tag_label(tag) == label


def test_every_known_tag_has_a_written_label() -> None:
    assert set(KNOWN_TAGS) == set(TAG_LABELS)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Texas law", "state_law:tx"),
        ("texas LAW", "state_law:tx"),
        ("TX law", "state_law:tx"),
        ("state_law:tx", "state_law:tx"),
        ("state law tx", "state_law:tx"),
        ("District of Columbia law", "state_law:dc"),
        ("Pharmacy law", "pharmacy_law"),
        ("medication errors", "medication_errors"),
        ("Pain and symptom management", "pain_symptom_management"),
        ("astrology", "astrology"),
        ("  ", None),
    ],
)
def test_tag_from_text_reads_codes_and_words(text: str, tag: str | None) -> None:
    assert tag_from_text(text) == tag


def test_every_label_reads_back_as_its_code() -> None:
    for tag in [*KNOWN_TAGS, "state_law:tx", "state_law:nc"]:
        assert tag_from_text(tag_label(tag)) == tag


def test_match_description_uses_words() -> None:
    match = Match(tags=frozenset({"state_law:tx", "pharmacy_law"}))
    assert match.describe() == "tagged Pharmacy law/Texas law"


def test_transcript_shows_tags_as_words(member_client, member, fixed_today) -> None:
    add_record(member, title="Law", topic_code="03", hours=Decimal("1"), tags=["state_law:tx"])
    html = member_client.get(reverse("ce:transcript")).content.decode()
    assert '<td data-label="Tags">Texas law</td>' in html
    assert "state_law" not in html


def test_record_form_takes_and_shows_words(member_client, member, fixed_today) -> None:
    form = {
        "uan": "",
        "title": "Texas jurisprudence",
        "provider_name": "",
        "completed_on": "2026-03-14",
        "hours": "1",
        "format": "H",
        "topic_code": "03",
        "audience": "T",
        "kind": "acpe",
        "tags": "Texas law; Pharmacy law",
    }
    response = member_client.post(reverse("ce:record_add"), form)
    assert response.status_code == 302
    record = CeRecord.objects.get(member=member)
    assert record.tags == ["state_law:tx", "pharmacy_law"]
    html = member_client.get(reverse("ce:record_edit", args=[record.id])).content.decode()
    assert 'value="Texas law; Pharmacy law"' in html
    assert "state_law" not in html


def test_unknown_tag_error_lists_words(member_client, fixed_today) -> None:
    response = member_client.post(
        reverse("ce:record_add"),
        {
            "title": "x",
            "completed_on": "2026-03-14",
            "hours": "1",
            "format": "H",
            "kind": "acpe",
            "tags": "astrology",
        },
    )
    html = response.content.decode()
    assert "Unknown tag(s): astrology. Known tags: Child abuse recognition," in html
    assert "state_law" not in html
    assert CeRecord.objects.count() == 0
