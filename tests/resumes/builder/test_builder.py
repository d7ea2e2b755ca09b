"""The structured builder through the test client: a field per part, add/remove/move without
JavaScript and with htmx, the live preview of unsaved input, and no loss of existing data."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from tests.resumes.builder.conftest import make_resume

from rxguild.catalog.models import Credential
from rxguild.profiles.models import CredentialHeld, Profile
from rxguild.resumes.models import Resume

HTMX = {"HTTP_HX_REQUEST": "true"}


class _FormReader(HTMLParser):
    """The values the editor form would submit (inputs, textareas, selected options)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("name") and a.get("type") != "submit":
            self.values[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.values[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self.values.setdefault(a["name"], "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += (
                data.removeprefix("\n") if not self.values[self._textarea] else data
            )


def form_values(html: str, form_id: str = "resume-editor-form") -> dict[str, str]:
    reader = _FormReader()
    # A whole page holds the form; an htmx answer is the form's fields alone.
    start = html.find(f'<form id="{form_id}"')
    form = html[start : html.index("</form>", start)] if start >= 0 else html
    reader.feed(form)
    return reader.values


@pytest.fixture
def resume(member) -> Resume:
    return make_resume(
        member,
        experience=[
            {
                "title": "Pharmacy Technician | IV room",  # a "|" once broke the text format
                "employer": "Memorial Hospital",
                "location": "Houston, TX",
                "dates": "Jan 2021 \u2013 Present",
                "bullets": ["Compounded IV admixtures under USP <797>", "Restocked Pyxis"],
            },
            {
                "title": "Cashier",
                "employer": "H-E-B Pharmacy",
                "location": "Katy, TX",
                "dates": "2018 \u2013 2020",
                "bullets": [],
            },
        ],
        links=["https://rxguild.example/p/ana"],
        extra_sections=[{"heading": "Languages", "body": "Spanish (fluent)"}],
    )


def _stored(resume: Resume) -> list[Any]:
    resume.refresh_from_db()
    return [
        resume.title,
        resume.full_name,
        resume.email,
        resume.phone,
        resume.location,
        resume.links,
        resume.summary,
        resume.experience,
        resume.education,
        resume.certifications,
        resume.skills,
        resume.extra_sections,
    ]


def test_editor_has_a_field_per_part_and_saving_unchanged_loses_nothing(signed_in, resume):
    before = _stored(resume)
    page = signed_in.get(reverse("resumes:detail", args=[resume.pk])).content.decode()
    values = form_values(page)
    assert values["experience-0-title"] == "Pharmacy Technician | IV room"
    assert values["experience-0-employer"] == "Memorial Hospital"
    assert values["experience-0-bullets"] == (
        "Compounded IV admixtures under USP <797>\nRestocked Pyxis"
    )
    assert values["experience-TOTAL_FORMS"] == "2"
    assert values["skills-1-name"] == "Aseptic technique"
    assert values["extra_sections-0-heading"] == "Languages"
    assert "experience_text" not in page and " | Employer | " not in page
    response = signed_in.post(reverse("resumes:detail", args=[resume.pk]), values, follow=True)
    assert "No changes to save." in response.content.decode()
    assert _stored(resume) == before


def test_edit_fields_and_save_without_js(signed_in, resume):
    url = reverse("resumes:detail", args=[resume.pk])
    values = form_values(signed_in.get(url).content.decode())
    values["experience-1-bullets"] = "- Counted controlled substances\n\nRang up prescriptions"
    values["skills-0-name"] = "  TPN  "
    response = signed_in.post(url, {**values, "op": "save"})
    assert response.status_code == 302
    resume.refresh_from_db()
    assert resume.experience[1]["bullets"] == [
        "Counted controlled substances",
        "Rang up prescriptions",
    ]
    assert resume.experience[0]["title"] == "Pharmacy Technician | IV room"
    assert resume.skills == ["TPN", "Aseptic technique"]
    page = signed_in.get(url).content.decode()
    assert "Saved." in page


@pytest.mark.parametrize("htmx", [False, True], ids=["no-js", "htmx"])
def test_move_add_remove_keep_typed_values_and_save_nothing(signed_in, resume, htmx):
    url = reverse("resumes:detail", args=[resume.pk])
    extra = HTMX if htmx else {}
    values = form_values(signed_in.get(url).content.decode())
    values["summary"] = "Typed, not saved yet."
    moved = signed_in.post(url, {**values, "op": "experience:down:0"}, **extra)
    assert moved.status_code == 200
    html = moved.content.decode()
    after_move = form_values(html)
    assert after_move["experience-0-title"] == "Cashier"
    assert after_move["experience-1-title"] == "Pharmacy Technician | IV room"
    assert after_move["summary"] == "Typed, not saved yet."
    assert "Moved job 1 to position 2. Not saved yet." in html
    # Focus stays on the button pressed, now on the moved entry.
    assert 'value="experience:down:1" class="secondary outline small" disabled autofocus' in html
    if htmx:
        assert moved["HX-Trigger-After-Settle"] == "resume-changed"
        assert "<html" not in html

    added = form_values(
        signed_in.post(url, {**after_move, "op": "education:add"}, **extra).content.decode()
    )
    assert added["education-TOTAL_FORMS"] == "2"
    assert added["education-1-program"] == ""
    removed = signed_in.post(url, {**added, "op": "experience:remove:0"}, **extra)
    after_remove = form_values(removed.content.decode())
    assert after_remove["experience-TOTAL_FORMS"] == "1"
    assert after_remove["experience-0-title"] == "Pharmacy Technician | IV room"
    assert Resume.objects.get(pk=resume.pk).experience[1]["title"] == "Cashier"  # not saved

    saved = signed_in.post(url, {**after_remove, "op": "save"}, **extra)
    resume.refresh_from_db()
    assert [entry["title"] for entry in resume.experience] == ["Pharmacy Technician | IV room"]
    assert len(resume.education) == 1  # the blank added entry is dropped on save
    assert resume.summary == "Typed, not saved yet."
    if htmx:
        assert "Saved." in saved.content.decode()


def test_bad_input_shows_the_message_keeps_the_typing_and_saves_nothing(signed_in, resume):
    url = reverse("resumes:detail", args=[resume.pk])
    values = form_values(signed_in.get(url).content.decode())
    values["email"] = "not-an-email"
    values["experience-0-dates"] = "x" * 600
    response = signed_in.post(url, {**values, "op": "save"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "Experience, entry 1: a line is longer than 500 characters." in html
    assert 'aria-invalid="true" aria-describedby="id_email-error"' in html
    assert form_values(html)["email"] == "not-an-email"
    resume.refresh_from_db()
    assert resume.email == "ana@example.org"


def test_pick_a_certification_from_my_credentials(signed_in, member, resume):
    credential = Credential.objects.create(
        code="ptcb-cpht",
        name="Certified Pharmacy Technician",
        abbreviation="CPhT",
        kind=Credential.Kind.CERTIFICATION,
        issuer="PTCB",
        source="test",
        confidence="high",
    )
    profile, _ = Profile.objects.get_or_create(user=member)
    CredentialHeld.objects.create(profile=profile, credential=credential)
    url = reverse("resumes:detail", args=[resume.pk])
    html = signed_in.get(url).content.decode()
    assert '<option value="Certified Pharmacy Technician (CPhT)">' in html
    values = form_values(html)
    values["certifications-pick"] = "Certified Pharmacy Technician (CPhT)"
    picked = form_values(
        signed_in.post(url, {**values, "op": "certifications:pick"}).content.decode()
    )
    assert picked["certifications-1-name"] == "Certified Pharmacy Technician (CPhT)"
    signed_in.post(url, {**picked, "op": "save"})
    resume.refresh_from_db()
    assert resume.certifications == [
        "Texas Pharmacy Technician Registration",
        "Certified Pharmacy Technician (CPhT)",
    ]


def test_preview_renders_unsaved_input_and_saves_nothing(signed_in, resume):
    url = reverse("resumes:builder_preview", args=[resume.pk])
    values = form_values(
        signed_in.get(reverse("resumes:detail", args=[resume.pk])).content.decode()
    )
    values["full_name"] = "Ana M. Rivera"
    values["experience-0-bullets"] = "Prepared **chemo** under USP <800>"
    values["email"] = "broken"
    response = signed_in.post(url, values, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<p class="paper-name">Ana M. Rivera</p>' in html
    assert "<li>Prepared <strong>chemo</strong> under USP &lt;800&gt;</li>" in html
    assert "Shown as last saved until corrected:" in html
    assert "Enter a valid email address." in html
    assert "ana@example.org" in html  # the saved email stands in the preview
    resume.refresh_from_db()
    assert resume.full_name == "Ana Rivera"


def test_unknown_op_and_forged_counts_are_harmless(signed_in, resume):
    url = reverse("resumes:detail", args=[resume.pk])
    values = form_values(signed_in.get(url).content.decode())
    response = signed_in.post(url, {**values, "op": "experience:explode:9"}, follow=True)
    assert response.status_code == 200
    forged = {**values, "experience-TOTAL_FORMS": "999999", "op": "experience:up:5"}
    assert signed_in.post(url, forged).status_code == 200


def test_old_resume_shapes_open_and_save_without_loss(signed_in, member):
    """Resumes saved before the builder had fields (entries missing keys, extra keys kept by
    older imports) open with every value in its field; saving keeps them."""
    resume = make_resume(
        member,
        experience=[{"title": "Technician", "employer": "Walgreens", "bullets": ["Filled Rx"]}],
        education=[{"program": "CPhT prep", "institution": "ACC"}],
    )
    url = reverse("resumes:detail", args=[resume.pk])
    values = form_values(signed_in.get(url).content.decode())
    assert values["experience-0-location"] == ""
    assert values["education-0-details"] == ""
    signed_in.post(url, {**values, "op": "save"})
    resume.refresh_from_db()
    assert resume.experience == [
        {
            "title": "Technician",
            "employer": "Walgreens",
            "location": "",
            "dates": "",
            "bullets": ["Filled Rx"],
        }
    ]
    assert resume.education == [
        {"program": "CPhT prep", "institution": "ACC", "dates": "", "details": []}
    ]


def test_import_confirm_uses_the_builders_fields(signed_in, member):
    import io

    from tests.resumes.builder.conftest import docx_bytes

    from rxguild.resumes.models import ResumeFile

    upload = io.BytesIO(docx_bytes())
    upload.name = "ana.docx"
    signed_in.post(reverse("resumes:import"), {"file": upload})
    resume_file = ResumeFile.objects.get(owner=member)
    url = reverse("resumes:import_confirm", args=[resume_file.pk])
    html = signed_in.get(url).content.decode()
    values = form_values(html)
    assert "experience_text" not in values
    assert int(values["experience-TOTAL_FORMS"]) >= 1
    assert 'class="resume-paper' in html  # the preview of what was read
    # Add a skill without JavaScript: re-rendered, typed values kept, nothing saved.
    values["full_name"] = "Ana R. Rivera"
    added = form_values(signed_in.post(url, {**values, "op": "skills:add"}).content.decode())
    assert added["full_name"] == "Ana R. Rivera"
    assert Resume.objects.count() == 0
    added[f"skills-{int(added['skills-TOTAL_FORMS']) - 1}-name"] = "Sterile compounding"
    response = signed_in.post(url, {**added, "op": "save"})
    resume = Resume.objects.get(owner=member)
    assert response.status_code == 302
    assert response["Location"] == reverse("resumes:analyze", args=[resume.pk])
    assert resume.full_name == "Ana R. Rivera"
    assert resume.skills[-1] == "Sterile compounding"
    assert resume.source_file == resume_file


def test_import_confirm_bad_input_saves_nothing(signed_in, member):
    import io

    from tests.resumes.builder.conftest import docx_bytes

    from rxguild.resumes.models import ResumeFile

    upload = io.BytesIO(docx_bytes())
    upload.name = "ana.docx"
    signed_in.post(reverse("resumes:import"), {"file": upload})
    url = reverse("resumes:import_confirm", args=[ResumeFile.objects.get(owner=member).pk])
    values = form_values(signed_in.get(url).content.decode())
    response = signed_in.post(url, {**values, "email": "nope", "op": "save"})
    assert response.status_code == 422
    assert "Enter a valid email address." in response.content.decode()
    assert Resume.objects.count() == 0


def test_builder_page_queries_do_not_grow_with_entries(
    signed_in, member, django_assert_max_num_queries
):
    many = make_resume(
        member,
        experience=[
            {"title": f"Technician {n}", "employer": "CVS", "bullets": ["Filled"]}
            for n in range(12)
        ],
        skills=[f"Skill {n}" for n in range(30)],
    )
    url = reverse("resumes:detail", args=[many.pk])
    signed_in.get(url)
    # Session, user and layout, then the resume, the member's credentials, the catalog's
    # credentials and skills: none per entry.
    with django_assert_max_num_queries(12):
        response = signed_in.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('name="experience-11-title"') == 1
