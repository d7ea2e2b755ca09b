"""Specialty pathway maps and the CPhT-Adv planner."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rxguild.catalog.models import Credential, Specialization
from rxguild.jobs.models import PostingCredential
from rxguild.mentoring.models import MentorOffer
from rxguild.profiles.models import CredentialHeld
from rxguild.roadmap.pathway_map import MapNode, MapRow, layout, wrap
from rxguild.roadmap.requirements import load_requirements

from .conftest import UserFactory

pytestmark = pytest.mark.django_db


def test_wrap_keeps_lines_short_and_marks_cuts():
    assert wrap("An active PTCB CPhT", 12) == ("An active", "PTCB CPhT")
    assert wrap("one two three four five six seven", 9, max_lines=2) == ("one two", "three…")


def test_layout_rows_top_to_bottom_with_edges():
    rows = [
        MapRow("Start", (MapNode("a", "A", "/a"),)),
        MapRow("Empty", ()),
        MapRow("Next", (MapNode("b", "B", "/b"), MapNode("c", "C", "/c"))),
    ]
    placed = layout(rows)
    assert [title for title, _ in placed.rows] == ["Start", "Next"]
    assert [n.node.key for n in placed.nodes] == ["a", "b", "c"]
    assert len(placed.edges) == 2
    assert all(n.x >= 0 and n.x + n.width <= placed.width for n in placed.nodes)
    assert placed.nodes[1].y > placed.nodes[0].y + placed.nodes[0].height


def test_every_specialty_target_is_a_catalog_specialization(catalog):
    codes = set(Specialization.objects.values_list("code", flat=True))
    specialties = {t.specialty for t in load_requirements().targets.values() if t.specialty}
    assert specialties <= codes


def test_pathway_list(member_client):
    page = member_client.get(reverse("roadmap:pathways")).content.decode()
    assert reverse("roadmap:pathway", args=["sterile-compounding"]) in page
    assert page.count('class="rm-target"') == 13


def test_sterile_compounding_map(member, member_client, posting):
    mentor = UserFactory()
    offer = MentorOffer.objects.create(user=mentor)
    offer.specialties.add(Specialization.objects.get(code="sterile-compounding"))
    PostingCredential.objects.filter(posting=posting).update(required=True)  # CPhT and CSPT
    page = member_client.get(reverse("roadmap:pathway", args=["sterile-compounding"]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body
    assert 'href="/catalog/credentials/ptcb-cspt/"' in body
    assert "CSPT: 1 open job ask for it" in body
    assert "1 open job on this board ask for it" in body
    assert "/ce/courses/?topic=07" in body
    assert "/jobs/?setting=compounding-sterile" in body
    assert "Sterile compounding: 1 member to ask" in body
    assert "median $40,300 a year" in body  # BLS OEWS May 2023 from the catalog


def test_unknown_specialty_is_404(member_client):
    assert member_client.get(reverse("roadmap:pathway", args=["astrology"])).status_code == 404


def test_pathway_for_a_specialty_with_nothing_known(member_client):
    body = member_client.get(reverse("roadmap:pathway", args=["pediatrics"])).content.decode()
    assert "No technician credential for pediatrics was found" in body
    assert "confirm with the board" in body


def test_pathway_query_count_is_fixed(member_client, django_assert_max_num_queries):
    # Mentors are named (blocks, holders, mentor offers, interview hosts), not just counted;
    # member pay reports in the specialty's settings (one query); the member's profile skills
    # and self-ratings (two).
    with django_assert_max_num_queries(25):
        member_client.get(reverse("roadmap:pathway", args=["oncology"]))


def test_cpht_adv_planner(member, member_client):
    profile = member.profile
    for code in ("ptcb-abc-tpv", "ptcb-abc-hazardous-drug-management"):
        CredentialHeld.objects.create(profile=profile, credential=Credential.objects.get(code=code))
    body = member_client.get(reverse("roadmap:cpht_adv")).content.decode()
    assert "you hold 2 of the 4 needed" in body
    assert body.count("rm-req rm-check-") == 12  # 11 certificates and the CSPT
    assert "eligibility unverified: confirm with PTCB" in body
    assert body.index("Technician Product Verification Certificate") < body.index(
        "Point-of-Care Testing Certificate"
    )
    assert (
        "Still needed: Upload the Supervisor Attestation Form with the application; "
        "Pass the Billing and Reimbursement exam (70 questions, 1 h 30 min);"
    ) in body
