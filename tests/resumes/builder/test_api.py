"""The builder's API: CRUD, tailoring, exports, and analysis by posting id or uploaded file."""

from __future__ import annotations

import io

from pypdf import PdfReader
from tests.resumes.builder.conftest import IV_POSTING, docx_bytes, make_resume

from rxguild.resumes.models import Resume

BASE = "/api/v1/resumes/"


def test_create_update_get_delete(signed_in, member):
    created = signed_in.post(
        BASE,
        {
            "title": "API resume",
            "skills": ["TPN"],
            "experience": [{"title": "Tech", "employer": "Mercy", "bullets": ["Filled"]}],
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    resume_id = created.json()["id"]
    assert created.json()["experience"] == [
        {"title": "Tech", "employer": "Mercy", "location": "", "dates": "", "bullets": ["Filled"]}
    ]
    patched = signed_in.patch(
        f"{BASE}{resume_id}", {"summary": "CPhT."}, content_type="application/json"
    )
    assert patched.status_code == 200
    assert patched.json()["summary"] == "CPhT."
    assert patched.json()["skills"] == ["TPN"]
    listed = signed_in.get(BASE)
    assert [row["id"] for row in listed.json()] == [resume_id]
    assert signed_in.delete(f"{BASE}{resume_id}").status_code == 204
    assert Resume.objects.count() == 0


def test_bad_input_is_a_422_and_saves_nothing(signed_in, member):
    resume = make_resume(member)
    response = signed_in.patch(
        f"{BASE}{resume.pk}",
        {"email": "nope", "skills": ["two\nlines"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": {"skills": ["One item per list entry, without line breaks."]}
    }
    resume.refresh_from_db()
    assert resume.email == "ana@example.org"


def test_another_members_resume_is_a_404_and_unchanged(signed_in, other_member):
    theirs = make_resume(other_member)
    url = f"{BASE}{theirs.pk}"
    assert signed_in.get(url).status_code == 404
    assert (
        signed_in.patch(url, {"summary": "x"}, content_type="application/json").status_code == 404
    )
    assert signed_in.delete(url).status_code == 404
    assert signed_in.get(f"{url}/export.pdf").status_code == 404
    assert (
        signed_in.post(
            f"{url}/tailor", {"posting_text": IV_POSTING}, content_type="application/json"
        ).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.summary == "Pharmacy technician with hospital experience."
    assert Resume.objects.count() == 1


def test_from_profile_and_tailor(signed_in, member, iv_posting):
    master = signed_in.post(BASE, {"from_profile": True}, content_type="application/json")
    assert master.status_code == 201
    assert master.json()["kind"] == "master"
    copy = signed_in.post(
        f"{BASE}{master.json()['id']}/tailor",
        {"posting_id": str(iv_posting.public_id)},
        content_type="application/json",
    )
    assert copy.status_code == 201
    assert copy.json()["kind"] == "tailored"
    assert copy.json()["target_posting_id"] == str(iv_posting.public_id)


def test_exports(signed_in, member):
    resume = make_resume(member)
    pdf = signed_in.get(f"{BASE}{resume.pk}/export.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "Ana Rivera" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    txt = signed_in.get(f"{BASE}{resume.pk}/export.txt")
    assert txt.content.decode().splitlines()[0] == "Ana Rivera"
    docx = signed_in.get(f"{BASE}{resume.pk}/export.docx")
    assert docx.content[:4] == b"PK\x03\x04"


def test_analyze_with_a_posting_id(signed_in, iv_posting):
    response = signed_in.post(
        f"{BASE}analyze",
        {"resume_text": "CPhT. Compounded IV admixtures.", "posting_id": str(iv_posting.public_id)},
        content_type="application/json",
    )
    assert response.status_code == 200
    matched = {item["code"] for item in response.json()["matched"]}
    assert "ptcb-cpht" in matched


def test_analyze_with_an_unknown_posting_id_is_a_404(signed_in):
    response = signed_in.post(
        f"{BASE}analyze",
        {"resume_text": "x", "posting_id": "00000000-0000-0000-0000-000000000000"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_analyze_an_uploaded_docx(signed_in):
    upload = io.BytesIO(docx_bytes(table=True))
    upload.name = "resume.docx"
    response = signed_in.post(f"{BASE}analyze/file", {"file": upload, "posting_text": IV_POSTING})
    assert response.status_code == 200
    body = response.json()
    assert [check["code"] for check in body["checks"] if check["code"] == "tables"] == ["tables"]
    assert "sterile-compounding" in {item["code"] for item in body["matched"]}


def test_analyze_a_hostile_upload_is_a_422(signed_in):
    upload = io.BytesIO(b"PK\x03\x04truncated")
    upload.name = "resume.docx"
    response = signed_in.post(f"{BASE}analyze/file", {"file": upload, "posting_text": "CPhT"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "file": [
                "The file is not a Word document we can read: save it again as .docx or PDF. "
                "(It looks damaged or truncated.)"
            ]
        }
    }
