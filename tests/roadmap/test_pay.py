"""Pay: buckets under five never show; reports are the member's own; moderation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from rxguild.accounts.models import Role, RoleGrant
from rxguild.catalog.models import Credential
from rxguild.profiles.models import CredentialHeld, Profile, WorkExperience
from rxguild.roadmap.models import PayReport
from rxguild.roadmap.pay import MIN_REPORTS, PayPoint, buckets, compare_credential, median

from .conftest import UserFactory

points = st.builds(
    PayPoint,
    hourly_cents=st.integers(1000, 4000),
    state=st.sampled_from(["TX", "CA", "NY"]),
    setting=st.sampled_from(["retail-community", "hospital-health-system", ""]),
    shift=st.sampled_from(["day", "night", ""]),
    years=st.integers(0, 20),
    credentials=st.frozensets(st.sampled_from(["ptcb-cpht", "ptcb-cspt"])),
)


@given(reports=st.lists(points, max_size=40), minimum=st.integers(0, 10))
def test_no_bucket_under_five_ever_shows(reports, minimum):
    for grouping in (("state",), ("state", "setting"), ("shift", "years_band")):
        found = buckets(reports, by=grouping, minimum=minimum)
        assert all(b.count >= MIN_REPORTS for b in found)
        assert sum(b.count for b in found) <= len(reports)


@given(reports=st.lists(points, max_size=40))
def test_comparison_sides_under_five_are_hidden(reports):
    result = compare_credential(reports, credential="ptcb-cspt", state="TX")
    for side in (result.with_credential, result.without_credential):
        assert side is None or side.count >= MIN_REPORTS
    if result.difference is not None:
        assert result.with_credential and result.without_credential


def test_median_and_buckets_worked_example():
    values = [2000, 2200, 1800, 2500, 2150]
    assert median(values) == Decimal("21.5")
    assert median(values[:4]) == Decimal("21.00")
    reports = [PayPoint(v, "TX", "retail-community", "", 3, frozenset()) for v in values]
    reports.append(PayPoint(3000, "CA", "retail-community", "", 3, frozenset()))
    assert [(b.key, b.count, b.median) for b in buckets(reports, by=("state",))] == [
        (("TX",), 5, Decimal("21.5"))
    ]


def test_unknown_grouping_is_refused():
    with pytest.raises(ValueError, match="cannot group by salary"):
        buckets([], by=("salary",))


# --- pages ---------------------------------------------------------------------------------


def _reporter(state: str, hourly: str, *, cspt: bool, status=PayReport.Status.APPROVED):
    user = UserFactory()
    profile = Profile.objects.create(user=user, state=state, years_experience=4)
    job = WorkExperience.objects.create(
        profile=profile, employer="Acme", title="Tech", state=state, start_date="2020-01-01"
    )
    credentials = ["ptcb-cpht", "ptcb-cspt"] if cspt else ["ptcb-cpht"]
    return PayReport.objects.create(
        member=user, job=job, hourly_pay=Decimal(hourly), state=state, setting="",
        credentials=credentials, status=status, years_experience=4,
    )  # fmt: skip


@pytest.mark.django_db
def test_pay_page_shows_only_groups_of_five(member_client):
    for hourly in ("20", "21", "22", "23"):
        _reporter("TX", hourly, cspt=False)
    _reporter("TX", "40", cspt=True, status=PayReport.Status.PENDING)  # not approved
    body = member_client.get(reverse("roadmap:pay")).content.decode()
    assert "No group has 5 approved reports yet." in body
    assert "$40.00" not in body
    _reporter("TX", "24", cspt=False)
    body = member_client.get(reverse("roadmap:pay")).content.decode()
    assert "<strong>$22.00</strong> an hour <small>(5 reports)</small>" in body
    assert "median $40,300 a year" in body  # BLS, from the catalog
    # The member's profile has no state or ZIP: no metro figure, and the page says so.
    assert "Our data has figures for 21 metropolitan areas" in body
    assert "No metro-area figure: add your state to your profile to see its figure." in body


@pytest.mark.django_db
def test_does_a_cspt_pay_more_here(member_client):
    for hourly in ("20", "21", "22", "23", "24"):
        _reporter("TX", hourly, cspt=False)
    for hourly in ("25", "26", "27", "28"):
        _reporter("TX", hourly, cspt=True)
    url = reverse("roadmap:pay") + "?state=tx&credential=ptcb-cspt"
    body = member_client.get(url).content.decode()
    assert "With it: fewer than 5 reports." in body
    assert "Without it: <strong>$22.00</strong> an hour (5 reports)." in body
    _reporter("TX", "29", cspt=True)
    body = member_client.get(url).content.decode()
    assert "With it: <strong>$27.00</strong> an hour (5 reports)." in body
    assert "Difference: $5.00 an hour." in body


@pytest.mark.django_db
def test_report_pay_for_my_own_job(member, member_client):
    member.profile.state = "TX"
    member.profile.save()
    job = member.profile.work_history.get()
    response = member_client.post(
        reverse("roadmap:pay"),
        {"job": job.pk, "hourly_pay": "23.50", "shift": "day", "credentials": ["ptcb-cpht"]},
    )
    assert response.status_code == 302
    report = PayReport.objects.get(member=member)
    assert (report.hourly_pay, report.state, report.setting, report.credentials, report.status) == (
        Decimal("23.50"), "TX", "hospital-health-system", ["ptcb-cpht"], "pending",
    )  # fmt: skip
    # One per job: a second report corrects the first.
    member_client.post(reverse("roadmap:pay"), {"job": job.pk, "hourly_pay": "24"})
    assert PayReport.objects.get(member=member).hourly_pay == Decimal("24.00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"hourly_pay": "52000"}, "Give the pay per hour"),
        ({"hourly_pay": "abc"}, "Enter a number."),
        ({"hourly_pay": "20", "credentials": ["ptcb-cspt"]}, "Select a valid choice"),
    ],
    ids=["salary", "not-a-number", "credential-not-held"],
)
def test_bad_pay_reports_change_nothing(member, member_client, fields, message):
    job = member.profile.work_history.get()
    response = member_client.post(reverse("roadmap:pay"), {"job": job.pk, **fields})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PayReport.objects.count() == 0


@pytest.mark.django_db
def test_someone_elses_job_or_report_is_404(member, other_client, other_member):
    job = member.profile.work_history.get()
    response = other_client.post(reverse("roadmap:pay"), {"job": job.pk, "hourly_pay": "20"})
    assert response.status_code == 400  # not among their own jobs: not a valid choice
    report = _reporter("TX", "20", cspt=False)
    assert other_client.post(reverse("roadmap:pay_withdraw", args=[report.pk])).status_code == 404
    assert PayReport.objects.filter(pk=report.pk).exists()


@pytest.mark.django_db
def test_moderation(member_client, other_member, other_client):
    report = _reporter("TX", "20", cspt=False, status=PayReport.Status.PENDING)
    # A member who is not a moderator: 404, nothing changes.
    assert member_client.get(reverse("roadmap:pay_moderate")).status_code == 404
    response = member_client.post(
        reverse("roadmap:pay_moderate"), {"report": report.pk, "approve": "1"}
    )
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == PayReport.Status.PENDING
    RoleGrant.objects.create(user=other_member, role=Role.MODERATOR)
    page = other_client.get(reverse("roadmap:pay_moderate")).content.decode()
    assert "$20.00 an hour · TX" in page
    assert report.member.email not in page
    other_client.post(reverse("roadmap:pay_moderate"), {"report": report.pk, "approve": "1"})
    report.refresh_from_db()
    assert (report.status, report.moderated_by) == (PayReport.Status.APPROVED, other_member)


@pytest.mark.django_db
def test_credentials_must_be_on_the_profile(member):
    from django.core.exceptions import ValidationError

    from rxguild.roadmap.services import pay_report_submit

    job = member.profile.work_history.get()
    CredentialHeld.objects.filter(profile=member.profile).delete()
    with pytest.raises(ValidationError) as raised:
        pay_report_submit(member=member, job=job, hourly_pay=Decimal(20), credentials=["ptcb-cpht"])
    assert raised.value.message_dict["credentials"] == [
        "Only credentials on your profile can be included."
    ]
    assert Credential.objects.filter(code="ptcb-cpht").exists()
    assert PayReport.objects.count() == 0


@pytest.mark.django_db
def test_pay_api(member, member_client):
    import json

    for hourly in ("20", "21", "22", "23", "24"):
        _reporter("TX", hourly, cspt=False)
    body = member_client.get("/api/v1/roadmap/pay?state=TX&credential=ptcb-cspt").json()
    assert body["minimum_reports"] == 5
    assert body["by_state_setting"] == [{"key": ["TX", ""], "count": 5, "median_hourly": "22.00"}]
    assert body["comparison"]["with_credential"] is None
    member.profile.state = "TX"
    member.profile.save()
    job = member.profile.work_history.get()
    response = member_client.post(
        "/api/v1/roadmap/pay/reports",
        json.dumps({"job_id": job.pk, "hourly_pay": "25"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    other_job = WorkExperience.objects.exclude(profile__user=member).first()
    response = member_client.post(
        "/api/v1/roadmap/pay/reports",
        json.dumps({"job_id": other_job.pk, "hourly_pay": "25"}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert PayReport.objects.filter(member=member).count() == 1
