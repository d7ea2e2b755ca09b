"""Self-assessment pages: assess, history, detail, privacy."""

from __future__ import annotations

import pytest
from django.test import Client

from rxguild.growth.models import Assessment, Rating, StaffAccessLog
from rxguild.growth.services import assessment_create

pytestmark = pytest.mark.django_db


def test_assess_page_lists_every_ptce_competency_with_the_scale(member_client, frameworks):
    response = member_client.get("/growth/assess/ptce/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<fieldset class="growth-item"') == 26
    assert "Needs step-by-step guidance and a check on every task." in body
    assert "40 % of the exam" in body
    assert "https://www.ptcb.org/guidebook/ptce-content-outline" in body


def test_saving_creates_an_assessment_and_keeps_the_old_one(member, member_client, frameworks):
    first = assessment_create(
        member=member, framework=frameworks["ptce"], ratings={"ptce-med-names-classes": 1}
    )
    response = member_client.post(
        "/growth/assess/ptce/",
        {"ptce-med-names-classes": "3", "ptce-fed-recalls": "2", "ptce-med-nti": "", "note": "Q3"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/growth/history/ptce/"
    assert Assessment.objects.filter(member=member).count() == 2
    newest = Assessment.objects.filter(member=member).first()
    assert newest is not None and newest.pk != first.pk
    assert dict(newest.ratings.values_list("competency__code", "level")) == {
        "ptce-med-names-classes": 3,
        "ptce-fed-recalls": 2,
    }
    assert list(first.ratings.values_list("level", flat=True)) == [1]


def test_form_prefills_the_last_answers(member, member_client, frameworks):
    assessment_create(member=member, framework=frameworks["ptce"], ratings={"ptce-fed-recalls": 4})
    body = member_client.get("/growth/assess/ptce/").content.decode()
    assert 'name="ptce-fed-recalls" value="4" checked' in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param({"ptce-fed-recalls": "5"}, "Choose a level from 1 to 4 (got 5).", id="five"),
        pytest.param({"ptce-fed-recalls": "abc"}, "Choose a level from 1 to 4.", id="text"),
        pytest.param({}, "Rate at least one competency.", id="empty"),
        pytest.param(
            {"ptce-fed-recalls": "2", "note": "x" * 1001},
            "Keep the note under 1000 characters.",
            id="huge-note",
        ),
    ],
)
def test_bad_input_is_explained_and_nothing_saved(member_client, frameworks, data, message):
    response = member_client.post("/growth/assess/ptce/", data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert "Nothing was saved." in response.content.decode()
    assert Assessment.objects.count() == 0
    assert Rating.objects.count() == 0


def test_history_shows_chart_table_and_weakest(member, member_client, frameworks):
    ptce = frameworks["ptce"]
    assessment_create(
        member=member, framework=ptce, ratings={"ptce-med-nti": 1, "ptce-fed-recalls": 2}
    )
    assessment_create(
        member=member, framework=ptce, ratings={"ptce-med-nti": 3, "ptce-fed-recalls": 2}
    )
    response = member_client.get("/growth/history/ptce/")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<polyline") == 2  # two domains rated twice
    assert "<caption>Average level by domain (1 Learning to 4 Leading)</caption>" in body
    assert "<td>+2.00</td>" in body
    assert "<h3>FDA recalls</h3>" in body


def test_history_costs_five_queries_whatever_the_count(
    member, frameworks, django_assert_num_queries
):
    from rxguild.growth.selectors import framework_history

    for level in (1, 2, 3, 4, 2):
        assessment_create(
            member=member, framework=frameworks["ptce"], ratings={"ptce-med-nti": level}
        )
    # domains, competencies, assessments, ratings, feedback answers
    with django_assert_num_queries(5):
        history = framework_history(member, frameworks["ptce"])
    assert [p.average for p in history.series[0].points][-1] == 2


def test_another_members_assessment_is_404_and_delete_changes_nothing(
    member, other_client, frameworks
):
    assessment = assessment_create(
        member=member, framework=frameworks["ptce"], ratings={"ptce-med-nti": 2}
    )
    assert other_client.get(f"/growth/assessments/{assessment.pk}/").status_code == 404
    assert other_client.post(f"/growth/assessments/{assessment.pk}/delete/").status_code == 404
    assert Assessment.objects.filter(pk=assessment.pk).exists()
    assert other_client.get("/growth/history/ptce/").content.decode().count("<polyline") == 0


def test_anonymous_visitor_is_sent_to_sign_in(frameworks):
    response = Client().get("/growth/assess/ptce/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_owner_deletes_own_assessment(member, member_client, frameworks):
    assessment = assessment_create(
        member=member, framework=frameworks["ptce"], ratings={"ptce-med-nti": 2}
    )
    response = member_client.post(f"/growth/assessments/{assessment.pk}/delete/")
    assert response.status_code == 302
    assert Assessment.objects.count() == 0


def test_staff_read_needs_a_logged_reason(member, frameworks):
    from tests.tracker.factories import UserFactory

    staff = UserFactory(is_staff=True)
    client = Client()
    client.force_login(staff)
    assessment_create(member=member, framework=frameworks["ptce"], ratings={"ptce-med-nti": 2})
    page = client.get(f"/growth/staff/members/{member.pk}/")
    assert page.status_code == 200
    assert "Narrow therapeutic" not in page.content.decode()
    assert StaffAccessLog.objects.count() == 0
    shown = client.post(f"/growth/staff/members/{member.pk}/", {"reason": "Member asked for help"})
    assert "Narrow therapeutic index medicines: 2" in shown.content.decode()
    assert "No goals." in shown.content.decode()
    assert "No feedback requests." in shown.content.decode()
    log = StaffAccessLog.objects.get()
    assert (log.staff, log.member, log.reason) == (staff, member, "Member asked for help")


def test_non_staff_cannot_reach_staff_page(member, other_client, frameworks):
    assert other_client.get(f"/growth/staff/members/{member.pk}/").status_code == 404
    assert (
        other_client.post(
            f"/growth/staff/members/{member.pk}/", {"reason": "curious about her"}
        ).status_code
        == 404
    )
    assert StaffAccessLog.objects.count() == 0
