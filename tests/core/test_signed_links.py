"""Signed, single-use, expiring links for people without accounts."""

from datetime import timedelta

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from rxguild.core.signed_links import (
    LinkExpired,
    LinkInvalid,
    LinkUsed,
    link_check_unused,
    link_issue,
    link_read,
    token_page,
)

DAY = timedelta(days=1)


def test_a_link_reads_back_its_row_id_for_its_own_purpose_only():
    issued = link_issue(purpose="feedback", object_id=42)
    assert link_read(issued.token, purpose="feedback", max_age=DAY) == 42
    with pytest.raises(LinkInvalid):
        link_read(issued.token, purpose="verification", max_age=DAY)


def test_two_links_for_the_same_row_differ_and_the_digest_is_not_the_token():
    first = link_issue(purpose="feedback", object_id=1)
    second = link_issue(purpose="feedback", object_id=1)
    assert first.token != second.token
    assert first.digest != second.digest
    assert first.token not in first.digest and len(first.digest) == 64


@pytest.mark.parametrize(
    "token",
    ["", "garbage", "eyJpZCI6MX0:1abc:deadbeef", None],
    ids=["empty", "garbage", "forged-signature", "none"],
)
def test_a_broken_or_forged_token_is_invalid_with_a_message(token):
    with pytest.raises(LinkInvalid, match="not valid"):
        link_read(token, purpose="feedback", max_age=DAY)


def test_an_old_link_has_expired():
    issued = link_issue(purpose="feedback", object_id=7)
    with pytest.raises(LinkExpired, match="expired"):
        link_read(issued.token, purpose="feedback", max_age=timedelta(seconds=-1))


def test_only_the_newest_unused_link_passes_the_single_use_check():
    old = link_issue(purpose="feedback", object_id=3)
    new = link_issue(purpose="feedback", object_id=3)
    link_check_unused(stored_digest=new.digest, token=new.token, used_at=None)
    with pytest.raises(LinkInvalid, match="replaced"):
        link_check_unused(stored_digest=new.digest, token=old.token, used_at=None)
    with pytest.raises(LinkUsed, match="already been used"):
        link_check_unused(stored_digest=new.digest, token=new.token, used_at="2026-12-03")
    with pytest.raises(LinkInvalid):
        link_check_unused(stored_digest="", token=new.token, used_at=None)


def test_token_pages_send_the_referer_only_to_us_and_are_not_cached():
    # "same-origin", not "no-referrer": the latter makes browsers post `Origin: null`,
    # which Django's CSRF check refuses, so the page's own form could never be sent.
    view = token_page(lambda request, token: HttpResponse("ok"))
    response = view(RequestFactory().get("/t/x/"), token="x")
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
