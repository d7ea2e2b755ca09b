"""A mentorship's agreement: one member proposes, the other accepts; changes the same way; only
the two members ever see or touch it (404 for anyone else, nothing changes)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from tests.mentoring.factories import client_for, member, mentee, mentor, mentorship

from rxguild.growth.models import Goal
from rxguild.growth.services.goals import goal_create, goal_share_set
from rxguild.mentoring.models import Agreement, Mentorship
from rxguild.mentoring.services.agreements import (
    AgreementTerms,
    agreement_accept,
    agreement_propose,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/mentoring"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def pair(db):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    return rosa, tomas, mentorship(rosa, tomas)


def terms(**changes) -> AgreementTerms:
    fields = {
        "goals": "Pass the CSPT exam",
        "cadence": "fortnightly",
        "meeting_minutes": 30,
        "end_date": timezone.localdate() + timedelta(days=90),
    }
    fields.update(changes)
    return AgreementTerms(**fields)


def form(**changes) -> dict[str, str]:
    fields = {
        "goals": "Pass the CSPT exam",
        "cadence": "weekly",
        "meeting_minutes": "45",
        "end_date": (timezone.localdate() + timedelta(days=60)).isoformat(),
    }
    fields.update(changes)
    return fields


def test_the_mentee_proposes_with_a_growth_goal_and_the_mentor_accepts(
    pair, django_capture_on_commit_callbacks
):
    rosa, tomas, row = pair
    goal = goal_create(
        member=tomas, title="CSPT by June", target_date=timezone.localdate() + timedelta(days=80)
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposal = agreement_propose(
            mentorship=row, actor=tomas, terms=terms(), growth_goal_ids=[goal.pk]
        )
    assert (proposal.status, proposal.proposed_by) == (Agreement.Status.PROPOSED, tomas)
    assert [g.pk for g in proposal.growth_goals.all()] == [goal.pk]
    goal.refresh_from_db()
    assert (goal.mentorship_id, goal.shared_with_mentor) == (row.pk, True)
    assert mail.outbox[-1].to == ["rosa@example.org"]
    assert mail.outbox[-1].subject == "[RxGuild] Tomas proposes your mentoring agreement"

    with pytest.raises(ValidationError, match="the other member accepts it"):
        agreement_accept(agreement=proposal, actor=tomas)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = agreement_accept(agreement=proposal, actor=rosa)
    assert accepted.status == Agreement.Status.ACCEPTED
    assert accepted.accepted_at is not None
    assert mail.outbox[-1].to == ["tomas@example.org"]


def test_changes_replace_the_pending_proposal_and_then_the_agreement(pair):
    rosa, tomas, row = pair
    first = agreement_propose(mentorship=row, actor=tomas, terms=terms())
    counter = agreement_propose(mentorship=row, actor=rosa, terms=terms(cadence="monthly"))
    first.refresh_from_db()
    assert first.status == Agreement.Status.REPLACED
    with pytest.raises(ValidationError, match="no longer open"):
        agreement_accept(agreement=first, actor=rosa)
    agreement_accept(agreement=counter, actor=tomas)

    change = agreement_propose(mentorship=row, actor=rosa, terms=terms(meeting_minutes=60))
    counter.refresh_from_db()
    assert counter.status == Agreement.Status.ACCEPTED  # the agreement holds until accepted
    agreement_accept(agreement=change, actor=tomas)
    assert dict(Agreement.objects.values_list("pk", "status")) == {
        first.pk: "replaced",
        counter.pk: "replaced",
        change.pk: "accepted",
    }
    with pytest.raises(ValidationError, match="already have"):
        agreement_propose(mentorship=row, actor=tomas, terms=terms(meeting_minutes=60))


def test_growth_goals_are_the_mentees_to_link(pair):
    rosa, tomas, row = pair
    mine = goal_create(member=tomas, title="Mine", target_date=timezone.localdate())
    theirs = goal_create(member=rosa, title="Rosa's", target_date=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        agreement_propose(mentorship=row, actor=tomas, terms=terms(), growth_goal_ids=[theirs.pk])
    assert error.value.message_dict == {
        "growth_goals": ["Choose among your own goals in progress."]
    }
    agreement_propose(mentorship=row, actor=tomas, terms=terms(), growth_goal_ids=[mine.pk])
    # The mentor's changes keep the mentee's links; the mentor can't set them.
    change = agreement_propose(
        mentorship=row, actor=rosa, terms=terms(goals="Changed"), growth_goal_ids=[theirs.pk]
    )
    assert [g.pk for g in change.growth_goals.all()] == [mine.pk]
    theirs.refresh_from_db()
    assert theirs.mentorship_id is None


def test_a_goal_the_mentee_stopped_sharing_is_not_shared_again_by_the_mentor(pair):
    rosa, tomas, row = pair
    goal = goal_create(member=tomas, title="Private now", target_date=timezone.localdate())
    agreement_propose(mentorship=row, actor=tomas, terms=terms(), growth_goal_ids=[goal.pk])
    goal_share_set(goal=goal, mentorship_id=None)
    change = agreement_propose(mentorship=row, actor=rosa, terms=terms(goals="Changed"))
    assert list(change.growth_goals.all()) == []
    goal.refresh_from_db()
    assert (goal.mentorship_id, goal.shared_with_mentor) == (None, False)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"goals": "  "}, "goals", "Say what you will work on together."),
        ({"cadence": "daily"}, "cadence", "Choose every week, every two weeks or every month."),
        ({"meeting_minutes": 90}, "meeting_minutes", "Choose 15, 30, 45 or 60 minutes."),
        ({"end_date": timezone.localdate()}, "end_date", "Choose an end date after today."),
        (
            {"end_date": timezone.localdate() + timedelta(days=800)},
            "end_date",
            "Choose an end date within two years.",
        ),
    ],
    ids=["no-goals", "bad-cadence", "bad-minutes", "ends-today", "too-long"],
)
def test_bad_terms_are_refused_and_nothing_changes(pair, changes, field, words):
    _, tomas, row = pair
    with pytest.raises(ValidationError) as error:
        agreement_propose(mentorship=row, actor=tomas, terms=terms(**changes))
    assert error.value.message_dict == {field: [words]}
    assert Agreement.objects.count() == 0


def test_an_ended_mentorship_takes_no_proposal_and_strangers_none_at_all(pair):
    _, tomas, row = pair
    with pytest.raises(PermissionDenied):
        agreement_propose(mentorship=row, actor=member("Sal"), terms=terms())
    Mentorship.objects.filter(pk=row.pk).update(status=Mentorship.Status.COMPLETED)
    row.refresh_from_db()
    with pytest.raises(ValidationError, match="ended"):
        agreement_propose(mentorship=row, actor=tomas, terms=terms())
    assert Agreement.objects.count() == 0


def test_the_page_shows_it_pending_then_agreed(pair):
    rosa, tomas, row = pair
    page = client_for(tomas).get(f"/mentoring/mentorships/{row.pk}/").content.decode()
    assert "No agreement yet." in page
    response = client_for(tomas).post(f"/mentoring/mentorships/{row.pk}/agreement/", form())
    assert response.status_code == 302
    mine = client_for(tomas).get(f"/mentoring/mentorships/{row.pk}/").content.decode()
    assert "waiting for Rosa to accept" in mine
    assert "Accept the agreement" not in mine
    theirs = client_for(rosa).get(f"/mentoring/mentorships/{row.pk}/").content.decode()
    assert "Tomas proposed this" in theirs
    assert "Every week, 45 minutes each" in theirs
    proposal = Agreement.objects.get()
    accepted = client_for(rosa).post(f"/mentoring/agreements/{proposal.pk}/accept/", headers=HTMX)
    assert accepted.status_code == 200
    section = accepted.content.decode()
    assert section.lstrip().startswith('<section id="agreement"')
    assert "Accepted: you are both agreed." in section
    assert "Agreed by both" in section
    assert "Pending" not in section


def test_bad_input_on_the_page_is_a_422_naming_the_field(pair):
    _, tomas, row = pair
    response = client_for(tomas).post(
        f"/mentoring/mentorships/{row.pk}/agreement/", form(end_date="2020-01-01"), headers=HTMX
    )
    assert response.status_code == 422
    assert response.context["agreement_form"].errors["end_date"] == [
        "Choose an end date after today."
    ]
    plain = client_for(tomas).post(f"/mentoring/mentorships/{row.pk}/agreement/", form(goals=""))
    assert plain.status_code == 422
    assert "mentoring/mentorship.html" in [t.name for t in plain.templates]
    assert Agreement.objects.count() == 0


def test_the_dashboard_says_an_agreement_is_waiting(pair):
    rosa, tomas, row = pair
    assert "Agree your mentorship" in client_for(rosa).get("/dashboard/").content.decode()
    agreement_propose(mentorship=row, actor=tomas, terms=terms())
    assert (
        "A mentoring agreement is waiting for you"
        in client_for(rosa).get("/dashboard/").content.decode()
    )
    tomas_dashboard = client_for(tomas).get("/dashboard/").content.decode()
    assert "A mentoring agreement is waiting for you" not in tomas_dashboard
    assert "Agree your mentorship" not in tomas_dashboard


def test_the_api_round_trip(pair):
    rosa, tomas, row = pair
    goal = goal_create(member=tomas, title="CSPT by June", target_date=timezone.localdate())
    created = client_for(tomas).post(
        f"{API}/mentorships/{row.pk}/agreement",
        json.dumps(
            {
                "goals": "Pass the CSPT exam",
                "cadence": "monthly",
                "meeting_minutes": 15,
                "end_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
                "growth_goal_ids": [goal.pk],
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["current"] is None
    assert body["may_accept"] is False
    assert (body["pending"]["cadence"], body["pending"]["proposed_by_id"]) == ("monthly", tomas.pk)
    assert [g["title"] for g in body["pending"]["growth_goals"]] == ["CSPT by June"]
    seen_by_rosa = client_for(rosa).get(f"{API}/mentorships/{row.pk}/agreement").json()
    assert seen_by_rosa["may_accept"] is True
    accepted = client_for(rosa).post(f"{API}/agreements/{body['pending']['id']}/accept")
    assert accepted.status_code == 200
    assert (accepted.json()["current"]["status"], accepted.json()["pending"]) == ("accepted", None)

    bad = client_for(tomas).post(
        f"{API}/mentorships/{row.pk}/agreement",
        json.dumps({"goals": "x", "cadence": "daily", "end_date": "2030-01-01"}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "cadence" in bad.content.decode()
    assert Agreement.objects.count() == 1


def test_nobody_else_reaches_an_agreement_on_pages_or_api(pair):
    _, tomas, row = pair
    proposal = agreement_propose(mentorship=row, actor=tomas, terms=terms())
    goal_count = Goal.objects.count()
    sal = client_for(member("Sal"))
    assert sal.get(f"/mentoring/mentorships/{row.pk}/").status_code == 404
    assert sal.post(f"/mentoring/mentorships/{row.pk}/agreement/", form()).status_code == 404
    assert sal.post(f"/mentoring/agreements/{proposal.pk}/accept/").status_code == 404
    assert sal.get(f"{API}/mentorships/{row.pk}/agreement").status_code == 404
    assert (
        sal.post(
            f"{API}/mentorships/{row.pk}/agreement",
            json.dumps({"goals": "x", "cadence": "weekly", "end_date": "2030-01-01"}),
            content_type="application/json",
        ).status_code
        == 404
    )
    assert sal.post(f"{API}/agreements/{proposal.pk}/accept").status_code == 404
    # The proposer can't accept their own proposal through the API either.
    own = client_for(tomas).post(f"{API}/agreements/{proposal.pk}/accept")
    assert own.status_code == 422
    proposal.refresh_from_db()
    assert proposal.status == Agreement.Status.PROPOSED
    assert (Agreement.objects.count(), Goal.objects.count(), len(mail.outbox)) == (
        1,
        goal_count,
        0,
    )
