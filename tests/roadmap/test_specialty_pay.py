"""Pay by specialty on a pathway: member reports in the specialty's settings (groups of 5 or
more only), "with the specialty's credential or without", and no official figure invented."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from rxguild.profiles.models import Profile, WorkExperience
from rxguild.roadmap.models import PayReport
from rxguild.roadmap.pay import PayPoint, overall

from .conftest import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("roadmap:pathway", args=["sterile-compounding"])


def _report(hourly: str, setting: str, *, cspt: bool, status=PayReport.Status.APPROVED):
    user = UserFactory()
    profile = Profile.objects.create(user=user, state="TX", years_experience=3)
    job = WorkExperience.objects.create(
        profile=profile, employer="Acme", title="Tech", state="TX", start_date="2021-01-01"
    )
    return PayReport.objects.create(
        member=user, job=job, hourly_pay=Decimal(hourly), state="TX", setting=setting,
        credentials=["ptcb-cpht", "ptcb-cspt"] if cspt else ["ptcb-cpht"], status=status,
        years_experience=3,
    )  # fmt: skip


def _pay(body: str) -> str:
    return body.split('id="pay-h"')[1].split("</section>")[0]


def test_under_five_reports_nothing_is_shown_and_no_official_figure_is_invented(member_client):
    for hourly in ("21", "22", "23", "24"):
        _report(hourly, "hospital-health-system", cspt=False)
    _report("90", "hospital-health-system", cspt=True, status=PayReport.Status.PENDING)
    _report("50", "retail-community", cspt=True)  # not a sterile compounding setting
    pay = _pay(member_client.get(URL).content.decode())
    assert "Fewer than 5 approved member reports in these settings yet" in pay
    assert "$90" not in pay and "$50" not in pay and "$22" not in pay
    assert "has no pay figure by specialty, so none is given here" in pay
    assert "median $40,300 a year" in pay  # the national BLS figure, labelled as such


def test_five_reports_in_the_settings_show_count_and_median_only(member_client):
    for hourly in ("20", "22", "24", "26"):
        _report(hourly, "hospital-health-system", cspt=False)
    _report("30", "compounding-sterile", cspt=True)
    _report("99", "retail-community", cspt=False)  # another setting: left out
    pay = _pay(member_client.get(URL).content.decode())
    assert "median <strong>$24.00</strong> an hour <small>(5 reports)</small>" in pay
    # Per setting: the hospital group has only 4, the IV room 1: neither is shown.
    assert "(4 reports)" not in pay and "(1 reports)" not in pay and "$30.00" not in pay
    assert "With CSPT: fewer than 5 reports · without: fewer than 5 reports." in pay


def test_with_or_without_the_specialty_credential(member_client):
    for hourly in ("20", "21", "22", "23", "24"):
        _report(hourly, "hospital-health-system", cspt=False)
    for hourly in ("26", "27", "28", "29", "30"):
        _report(hourly, "compounding-sterile", cspt=True)
    pay = _pay(member_client.get(URL).content.decode())
    assert "median <strong>$25.00</strong> an hour <small>(10 reports)</small>" in pay
    assert (
        "With CSPT: <strong>$28.00</strong> an hour (5 reports) · without: "
        "<strong>$22.00</strong> an hour (5 reports)." in pay
    )
    assert "<strong>$22.00</strong> an hour <small>(5 reports)</small></li>" in pay


def test_overall_is_none_under_five():
    points = [PayPoint(2000 + i, "TX", "", "", 3, frozenset()) for i in range(4)]
    assert overall(points) is None
    bucket = overall([*points, PayPoint(3000, "TX", "", "", 3, frozenset())])
    assert bucket is not None and (bucket.count, bucket.median) == (5, Decimal("20.02"))
