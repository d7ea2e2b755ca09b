"""One-click apply offers the member's RxGuild resumes and sends the chosen one as a PDF."""

from __future__ import annotations

from django.urls import reverse
from tests.resumes.builder.conftest import make_resume

from rxguild.tracker.models import TrackedApplication


def test_apply_with_an_rxguild_resume(signed_in, member, other_member, iv_posting):
    mine = make_resume(member, title="IV resume")
    theirs = make_resume(other_member, title="Not mine")
    url = reverse("tracker:apply", args=[iv_posting.public_id])
    page = signed_in.get(url).content.decode()
    assert "IV resume (RxGuild resume, sent as PDF)" in page
    assert "Not mine" not in page

    refused = signed_in.post(url, {"resume": f"rx:{theirs.pk}", "note": ""})
    assert refused.status_code == 400
    assert TrackedApplication.objects.filter(member=member).count() == 0

    response = signed_in.post(url, {"resume": f"rx:{mine.pk}", "note": ""})
    assert response.status_code == 302
    application = TrackedApplication.objects.get(member=member)
    assert application.shared_resume is not None
    assert application.shared_resume.original_name == "ana-rivera-resume.pdf"
    with application.shared_resume.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
