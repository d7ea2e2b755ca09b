"""`manage.py scale_demo`: demo data scaled for load tests, deterministic and idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.jobs.models import JobPosting, PostingCredential
from rxguild.jobs.search import find_candidates
from rxguild.jobs.search.query import SearchFilters
from rxguild.profiles.demo_scale import DOMAIN
from rxguild.profiles.models import CredentialHeld, Profile, ProfileSkill

pytestmark = pytest.mark.django_db


def _scale(members: int, postings: int) -> str:
    out = StringIO()
    call_command("scale_demo", members=members, postings=postings, stdout=out)
    return out.getvalue()


def _snapshot() -> tuple[list, list]:
    people = list(
        Profile.objects.filter(user__email__endswith=DOMAIN)
        .order_by("user__email")
        .values_list("user__email", "display_name", "zip_code", "state", "years_experience")
    )
    jobs = list(
        JobPosting.objects.order_by("external_id").values_list(
            "external_id", "title", "city", "employment_type", "pay_min"
        )
    )
    return people, jobs


def test_scales_to_the_numbers_asked_for_once(catalog):
    User.objects.create_user(email="someone@example.org", password="x" * 12)
    out = _scale(members=30, postings=120)
    assert "29 members and 120 postings added" in out
    assert User.objects.count() == 30
    assert JobPosting.objects.count() == 120
    scaled = Profile.objects.filter(user__email__endswith=DOMAIN)
    assert scaled.count() == 29
    assert len(set(scaled.values_list("state", flat=True))) > 3  # variety from the demo places
    assert CredentialHeld.objects.filter(profile__in=scaled).exists()
    assert ProfileSkill.objects.filter(profile__in=scaled).count() == 29 * 3
    assert PostingCredential.objects.exists()
    assert not User.objects.get(email=f"member-000001@{DOMAIN}").has_usable_password()
    # Live and in the search index: a load test finds them.
    live = find_candidates("technician", SearchFilters(live_at=timezone.now()), cap=1000)
    assert len(live.rows) == 120

    first = _snapshot()
    assert "0 members and 0 postings added" in _scale(members=30, postings=120)
    assert _snapshot() == first


def test_the_same_data_on_every_run(catalog):
    _scale(members=5, postings=40)
    first = _snapshot()
    User.objects.filter(email__endswith=DOMAIN).delete()
    JobPosting.objects.all().delete()
    _scale(members=5, postings=40)
    assert _snapshot() == first


def test_refuses_numbers_out_of_bounds(catalog):
    with pytest.raises(CommandError, match="--postings must be between"):
        _scale(members=1, postings=10_000_000)
    with pytest.raises(CommandError, match="--members must be between"):
        _scale(members=-1, postings=1)
    assert not JobPosting.objects.exists()
