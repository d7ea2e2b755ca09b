"""The pure parts: the credential mark rule and the Bitstring Status List."""

from __future__ import annotations

import base64
import gzip
from datetime import date

import pytest

from rxguild.wallet import statuslist
from rxguild.wallet.marks import BadgeFact, DocumentFact, credential_mark

TODAY = date(2026, 12, 4)
GOOD = BadgeFact(issuer_name="PTCB", verified_on=date(2026, 1, 2), expires_on=None, revoked=False)
APPROVED = DocumentFact(status="approved", reviewed_on=date(2026, 2, 3))


@pytest.mark.parametrize(
    ("documents", "badges", "kind", "detail"),
    [
        ([], [], "self-reported", "Entered by the member."),
        ([DocumentFact("pending", None)], [], "self-reported", "waiting for staff review"),
        ([DocumentFact("rejected", date(2026, 1, 1))], [], "self-reported", "Entered by"),
        ([APPROVED], [], "document", "Staff checked an uploaded document on Feb 3, 2026."),
        ([APPROVED], [GOOD], "badge", "from PTCB was verified on Jan 2, 2026"),
        (
            [APPROVED],
            [BadgeFact("PTCB", date(2026, 1, 2), expires_on=date(2026, 12, 3), revoked=False)],
            "document",
            "Staff checked",
        ),
        ([], [BadgeFact("PTCB", date(2026, 1, 2), None, revoked=True)], "self-reported", "Entered"),
    ],
    ids=["nothing", "pending", "rejected", "document", "badge-wins", "expired-badge", "revoked"],
)
def test_the_strongest_evidence_that_still_holds_wins(documents, badges, kind, detail):
    mark = credential_mark(documents=documents, badges=badges, today=TODAY)
    assert mark.kind == kind
    assert detail in mark.detail


def test_status_list_round_trip():
    encoded = statuslist.encode({0, 7, 131071})
    bits = statuslist.decode(encoded)
    assert len(bits) == 16384
    assert [statuslist.is_set(bits, i) for i in (0, 1, 7, 8, 131071)] == [
        True,
        False,
        True,
        False,
        True,
    ]


def test_a_gzip_bomb_status_list_is_refused():
    bomb = gzip.compress(b"\x00" * (17 * 1024 * 1024))
    encoded = "u" + base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    with pytest.raises(statuslist.StatusListError, match="too large"):
        statuslist.decode(encoded)


def test_a_status_list_that_is_not_multibase_is_refused():
    with pytest.raises(statuslist.StatusListError, match="multibase"):
        statuslist.decode("zabc")
