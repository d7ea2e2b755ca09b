"""The tracker API: same rules as the pages; others' objects are 404 and nothing changes."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.tracker.factories import pdf_bytes

from rxguild.jobs.models import SavedSearch
from rxguild.tracker.models import (
    ApplicationEvent,
    ApplicationResume,
    EmployerNote,
    EmployerStage,
    InformationalInterview,
    TrackedApplication,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/jobs/tracker"


def post(client, path, payload):
    return client.post(BASE + path, json.dumps(payload), content_type="application/json")


def patch(client, path, payload):
    return client.patch(BASE + path, json.dumps(payload), content_type="application/json")


def external_item(client, **fields):
    payload = {"title": "Tech, Rivera Pharmacy", "external_url": "https://example.com/1"}
    payload.update(fields)
    response = post(client, "/items", payload)
    assert response.status_code == 201, response.content
    return response.json()


def test_requires_authentication(client):
    assert client.get(BASE + "/items").status_code == 401


def test_crud_and_moves_of_tracker_items(member_client):
    first = external_item(member_client, title="First")
    second = external_item(member_client, title="Second", stage="saved")
    assert first["timeline"][0]["summary"] == "Added to your tracker"
    response = post(member_client, f"/items/{second['id']}/move", {"move": "up"})
    assert response.status_code == 200
    assert [(i["title"], i["stage"], i["position"]) for i in response.json()] == [
        ("Second", "saved", 0),
        ("First", "saved", 1),
    ]
    response = post(
        member_client, f"/items/{first['id']}/move", {"stage": "interviewing", "index": 0}
    )
    assert [(i["title"], i["stage"]) for i in response.json()] == [
        ("Second", "saved"),
        ("First", "interviewing"),
    ]
    response = patch(
        member_client, f"/items/{first['id']}", {"notes": "Call Dana", "follow_up_on": "2026-12-01"}
    )
    assert (response.json()["notes"], response.json()["follow_up_on"]) == (
        "Call Dana",
        "2026-12-01",
    )
    response = post(member_client, f"/items/{first['id']}/contacts", {"name": "Dana Lee"})
    assert response.status_code == 201
    assert member_client.get(f"{BASE}/items/{first['id']}").json()["contacts"][0]["name"] == (
        "Dana Lee"
    )
    assert member_client.delete(f"{BASE}/items/{second['id']}").status_code == 204
    assert [i["title"] for i in member_client.get(BASE + "/items").json()] == ["First"]


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        pytest.param({"title": "x", "external_url": "ftp://example.com"}, 422, id="bad-url"),
        pytest.param(
            {"title": "x", "external_url": "https://e.com", "stage": "nope"}, 422, id="stage"
        ),
        pytest.param({"external_url": "https://e.com"}, 422, id="missing-title"),
    ],
)
def test_bad_external_items_save_nothing(member_client, payload, status):
    assert post(member_client, "/items", payload).status_code == status
    assert TrackedApplication.objects.count() == 0


def test_bad_move_is_422_and_changes_nothing(member_client):
    item = external_item(member_client)
    assert post(member_client, f"/items/{item['id']}/move", {"move": "sideways"}).status_code == 422
    assert post(member_client, f"/items/{item['id']}/move", {}).status_code == 422
    assert TrackedApplication.objects.get().stage == "saved"


def test_another_member_gets_404_everywhere_and_nothing_changes(member_client, other_client):
    item = external_item(member_client)
    search = post(member_client, "/saved-searches", {"query_string": "q=cpht"}).json()
    interview = post(
        member_client, "/interviews", {"person_name": "Jordan", "held_on": "2026-11-20"}
    ).json()
    attempts = [
        other_client.get(f"{BASE}/items/{item['id']}"),
        patch(other_client, f"/items/{item['id']}", {"notes": "hacked"}),
        post(other_client, f"/items/{item['id']}/move", {"move": "right"}),
        post(other_client, f"/items/{item['id']}/contacts", {"name": "Eve"}),
        other_client.delete(f"{BASE}/items/{item['id']}"),
        patch(other_client, f"/saved-searches/{search['id']}", {"is_active": False}),
        other_client.delete(f"{BASE}/saved-searches/{search['id']}"),
        other_client.delete(f"{BASE}/interviews/{interview['id']}"),
    ]
    assert [r.status_code for r in attempts] == [404] * 8
    application = TrackedApplication.objects.get()
    assert (application.notes, application.stage, application.contacts.count()) == ("", "saved", 0)
    assert SavedSearch.objects.get().is_active is True
    assert InformationalInterview.objects.count() == 1
    assert other_client.get(BASE + "/items").json() == []


def test_upload_resume_then_apply_and_employer_flow(
    member, member_client, posting, recruiter_client, other_recruiter_client
):
    upload = member_client.post(
        BASE + "/resumes", {"file": SimpleUploadedFile("cv.pdf", pdf_bytes())}
    )
    assert upload.status_code == 201
    resume_id = upload.json()["id"]
    response = post(
        member_client,
        f"/postings/{posting.public_id}/apply",
        {"resume_id": resume_id, "note": "Hello"},
    )
    assert response.status_code == 201
    item = response.json()
    assert (item["stage"], item["shared_resume_id"], item["employer_stage"]) == (
        "applied",
        resume_id,
        "New",
    )
    again = post(member_client, f"/postings/{posting.public_id}/apply", {"note": "Again"})
    assert again.status_code == 422

    applicants = recruiter_client.get(f"{BASE}/employer/postings/{posting.public_id}/applicants")
    assert applicants.status_code == 200
    [applicant] = applicants.json()
    assert set(applicant) == {
        "id",
        "posting_public_id",
        "posting_title",
        "name",
        "email",
        "headline",
        "note",
        "resume_name",
        "submitted_at",
        "stage_id",
        "stage",
        "timeline",
    }
    assert (applicant["name"], applicant["note"], applicant["resume_name"]) == (
        "Maria Alvarez",
        "Hello",
        "cv.pdf",
    )
    stages = recruiter_client.get(f"{BASE}/employer/applicants/{item['id']}/stages").json()
    interview = next(s for s in stages if s["name"] == "Interview")

    # Another employer: 404 on every employer endpoint, nothing changes.
    other = [
        other_recruiter_client.get(f"{BASE}/employer/postings/{posting.public_id}/applicants"),
        other_recruiter_client.get(f"{BASE}/employer/applicants/{item['id']}"),
        post(
            other_recruiter_client,
            f"/employer/applicants/{item['id']}/stage",
            {"stage_id": interview["id"]},
        ),
        post(other_recruiter_client, f"/employer/applicants/{item['id']}/notes", {"body": "x"}),
    ]
    assert [r.status_code for r in other] == [404, 404, 404, 404]
    assert EmployerNote.objects.count() == 0

    moved = post(
        recruiter_client, f"/employer/applicants/{item['id']}/stage", {"stage_id": interview["id"]}
    )
    assert moved.json()["stage"] == "Interview"
    note = post(recruiter_client, f"/employer/applicants/{item['id']}/notes", {"body": "Strong"})
    assert note.status_code == 201
    mine = member_client.get(f"{BASE}/items/{item['id']}").json()
    assert mine["employer_stage"] == "Interview"
    assert [e["summary"] for e in mine["timeline"]][-1] == (
        "Lone Star Health set your application to “Interview”"
    )
    assert "Strong" not in json.dumps(mine)


def test_apply_with_someone_elses_resume_is_404(member_client, other_member, posting):
    foreign = ApplicationResume.objects.create(
        member=other_member, original_name="x.pdf", content_type="application/pdf", size=1
    )
    response = post(
        member_client, f"/postings/{posting.public_id}/apply", {"resume_id": foreign.pk}
    )
    assert response.status_code == 404
    assert TrackedApplication.objects.count() == 0


def test_bad_resume_upload_is_422_and_saves_nothing(member_client):
    response = member_client.post(
        BASE + "/resumes", {"file": SimpleUploadedFile("cv.pdf", b"not a pdf")}
    )
    assert response.status_code == 422
    assert ApplicationResume.objects.count() == 0


def test_apply_rate_limit_is_429(member_client, employer, settings):
    from tests.tracker.factories import PostingFactory

    from rxguild.tracker.services.applications import APPLY_LIMIT

    postings = PostingFactory.create_batch(APPLY_LIMIT + 1, employer=employer)
    for posting in postings[:APPLY_LIMIT]:
        assert post(member_client, f"/postings/{posting.public_id}/apply", {}).status_code == 201
    response = post(member_client, f"/postings/{postings[-1].public_id}/apply", {})
    assert response.status_code == 429
    assert TrackedApplication.objects.count() == APPLY_LIMIT


def test_saved_searches_api(member_client):
    created = post(
        member_client, "/saved-searches", {"name": "CPhT near me", "query_string": "q=cpht"}
    )
    assert created.status_code == 201
    search_id = created.json()["id"]
    updated = patch(member_client, f"/saved-searches/{search_id}", {"frequency": "daily"})
    assert updated.json()["frequency"] == "daily"
    assert (
        patch(member_client, f"/saved-searches/{search_id}", {"frequency": "hourly"}).status_code
        == 422
    )
    assert member_client.delete(f"{BASE}/saved-searches/{search_id}").status_code == 204
    assert SavedSearch.objects.count() == 0


def test_track_posting_api_is_idempotent(member_client, posting):
    first = post(member_client, f"/postings/{posting.public_id}/track", {}).json()
    second = post(member_client, f"/postings/{posting.public_id}/track", {}).json()
    assert first["id"] == second["id"]
    assert ApplicationEvent.objects.count() == 1
    assert EmployerStage.objects.count() == 0
