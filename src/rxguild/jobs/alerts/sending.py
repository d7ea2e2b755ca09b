"""Saved-search digests: what the cron command and the task run.

Idempotent. A digest is sent at most once per period per search (daily: a date, weekly: an
ISO week; see digest.py) and a posting at most once per search ever (SentAlert's unique pair).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qs

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from rxguild.jobs.alerts.digest import Frequency, Match, is_due, period_key, select_new_matches
from rxguild.jobs.models import JobPosting, SavedSearch, SentAlert
from rxguild.jobs.search_params import POSTED_WITHIN_CHOICES, search_params_parse
from rxguild.jobs.selectors import job_search

UNSUBSCRIBE_SALT = "rxguild.jobs.saved-search-unsubscribe"
DIGEST_LIMIT = 20
# How far back a search's first digest looks: a new daily alert shows the last day's jobs,
# a weekly one the last week's, never the whole board.
LOOKBACK = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}


def site_url(path: str) -> str:
    base = getattr(settings, "RXGUILD_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    return f"{base}{path}"


def unsubscribe_token(saved_search: SavedSearch) -> str:
    """A signed token naming the search and its member: no login needed, no guessing."""
    # No timestamp: an unsubscribe link must keep working in an old email.
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
        [saved_search.pk, saved_search.member_id]
    )


def saved_search_from_token(token: str) -> SavedSearch | None:
    """The search a valid token names, or None (tampered, foreign, or deleted since)."""
    try:
        search_id, member_id = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return SavedSearch.objects.filter(pk=search_id, member_id=member_id).first()


def unsubscribe_url(saved_search: SavedSearch) -> str:
    return site_url(reverse("jobs:alert_unsubscribe", args=[unsubscribe_token(saved_search)]))


def search_url(saved_search: SavedSearch) -> str:
    try:
        path = reverse("jobs:search")
    except NoReverseMatch:  # pragma: no cover - the search page is part A's
        path = reverse("jobs:saved_searches")
    return site_url(f"{path}?{saved_search.query_string}" if saved_search.query_string else path)


def _matches(
    saved_search: SavedSearch, since: Any, cache: dict[Any, Any] | None = None
) -> list[Match]:
    """The search's current results posted since `since`, newest first, as plain Matches.

    `cache` (one per run) shares results between searches with the same query string and
    window: members often save the same search, and the digest run should not redo it.
    """
    window_days = max(1, math.ceil((timezone.now() - since) / timedelta(days=1)))
    key = (saved_search.query_string, window_days)
    if cache is not None and key in cache:
        return cache[key]
    params = {key: values[-1] for key, values in parse_qs(saved_search.query_string).items()}
    posting_ids = _search_posting_ids(params, window_days)
    postings = (
        JobPosting.objects.filter(
            status=JobPosting.Status.PUBLISHED,
            valid_through__gt=timezone.now(),
            date_posted__gte=since,
        )
        .order_by("-date_posted", "-id")
        .values_list("pk", "title")
    )
    postings = postings.filter(pk__in=posting_ids)
    matches = [Match(posting_id=pk, title=title) for pk, title in postings[: DIGEST_LIMIT * 5]]
    if cache is not None:
        cache[key] = matches
    return matches


def _search_posting_ids(params: dict[str, str], window_days: int) -> list[int]:
    """Run the saved query through the jobs search selector (the same one the search page
    uses), newest first. The search is narrowed to the smallest "posted within" choice that
    covers the digest's period, so the selector ranks days of postings, not the whole board."""
    search_params, errors = search_params_parse(params)
    window = next((days for days in POSTED_WITHIN_CHOICES if days >= window_days), None)
    if window is not None and (
        search_params.posted_within is None or search_params.posted_within > window
    ):
        search_params = replace(search_params, posted_within=window)
    search_params = replace(search_params, sort="date", page=1)
    return [hit.posting.pk for hit in job_search(search_params, errors=errors).hits]


@dataclass(frozen=True)
class DigestResult:
    searches_sent: int
    postings_sent: int


def job_alerts_send(*, today: date | None = None) -> DigestResult:
    """Send every due digest. Safe to run as often as cron likes."""
    today = today or timezone.localdate()
    searches_sent = postings_sent = 0
    due = SavedSearch.objects.filter(is_active=True).select_related("member")
    cache: dict[Any, Any] = {}
    for saved_search in due:
        if not is_due(Frequency(saved_search.frequency), saved_search.last_period, today):
            continue
        sent, message = _prepare_digest(saved_search, today, cache)
        if message is not None:
            # Sent once the digest's transaction has committed: a rolled-back digest must
            # not reach the inbox, and a crash after commit loses one email, never repeats.
            message.send()
            searches_sent += 1
            postings_sent += sent
    return DigestResult(searches_sent=searches_sent, postings_sent=postings_sent)


@transaction.atomic
def _prepare_digest(
    saved_search: SavedSearch, today: date, cache: dict[Any, Any]
) -> tuple[int, EmailMessage | None]:
    # Lock the row so two workers running at once cannot both send this period's digest.
    locked = SavedSearch.objects.select_for_update().get(pk=saved_search.pk)
    frequency = Frequency(locked.frequency)
    if not locked.is_active or not is_due(frequency, locked.last_period, today):
        return 0, None
    since = timezone.now() - LOOKBACK[frequency]
    if locked.last_sent_at is not None:  # cron was down for a while: cover the gap
        since = min(since, locked.last_sent_at)
    already = set(
        SentAlert.objects.filter(saved_search=locked).values_list("posting_id", flat=True)
    )
    selected = select_new_matches(_matches(locked, since, cache), already, limit=DIGEST_LIMIT)
    locked.last_period = period_key(frequency, today)
    if not selected:
        locked.save(update_fields=["last_period"])
        return 0, None
    SentAlert.objects.bulk_create(
        [SentAlert(saved_search=locked, posting_id=match.posting_id) for match in selected]
    )
    locked.last_sent_at = timezone.now()
    locked.save(update_fields=["last_period", "last_sent_at"])
    member = saved_search.member
    public_ids = dict(
        JobPosting.objects.filter(pk__in=[m.posting_id for m in selected]).values_list(
            "pk", "public_id"
        )
    )
    context = {
        "saved_search": locked,
        "member": member,
        "jobs": [
            {
                "title": m.title,
                "url": site_url(reverse("tracker:apply", args=[public_ids[m.posting_id]])),
            }
            for m in selected
        ],
        "search_url": search_url(locked),
        "unsubscribe_url": unsubscribe_url(locked),
        "site_name": getattr(settings, "RXGUILD_SITE_NAME", "RxGuild"),
    }
    message = EmailMessage(
        subject=f"{len(selected)} new job{'s' if len(selected) != 1 else ''} for “{locked.name}”",
        body=render_to_string("jobs/alerts/digest.txt", context),
        to=[member.email],
        headers={
            # RFC 8058 one-click unsubscribe for mail clients that offer the button.
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return len(selected), message
