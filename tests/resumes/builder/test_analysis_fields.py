"""The analysis page edits the resume in the builder's fields (a field per item, no
pipe-separated boxes): add/remove/move and "I have this" without JavaScript and with htmx,
the live score of unsaved fields, saving, and clear messages for bad input with nothing lost."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from tests.resumes.builder.conftest import IV_POSTING, make_resume
from tests.resumes.builder.test_builder import form_values

HTMX = {"HTTP_HX_REQUEST": "true"}
FORM = "analysis-edit-form"
TITLE_WITH_PIPE = "Pharmacy Technician | IV room"  # the old text format split titles on "|"


@pytest.fixture
def resume(member):
    resume = make_resume(member, posting_text=IV_POSTING)
    resume.experience[0]["title"] = TITLE_WITH_PIPE
    resume.save()
    return resume


def _page(client, resume) -> str:
    response = client.get(reverse("resumes:analyze", args=[resume.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _score(body: str) -> int:
    return int(body.split("Score: ")[1].split(" / 100")[0])


def _unchanged(resume, summary="Pharmacy technician with hospital experience."):
    resume.refresh_from_db()
    assert resume.summary == summary
    assert resume.skills == ["Customer service", "Aseptic technique"]
    assert resume.experience[0]["title"] == TITLE_WITH_PIPE


def test_a_field_per_item_and_no_pipe_separated_boxes(signed_in, resume):
    page = _page(signed_in, resume)
    values = form_values(page, FORM)
    assert values["experience-0-title"] == TITLE_WITH_PIPE
    assert values["experience-0-employer"] == "Memorial Hospital"
    assert values["experience-0-dates"] == "Jan 2021 \u2013 Present"
    assert values["experience-0-bullets"] == (
        "Answered phones and filed paperwork\n"
        "Compounded IV admixtures under USP <797> using aseptic technique"
    )
    assert values["skills-0-name"] == "Customer service"
    assert values["skills-1-name"] == "Aseptic technique"
    assert values["certifications-0-name"] == "Texas Pharmacy Technician Registration"
    assert values["summary"] == "Pharmacy technician with hospital experience."
    assert "{#" not in page and "#}" not in page  # no template note printed as text
    for old in ("experience_text", "skills_text", "certifications_text", "Title | Employer"):
        assert old not in page
    # Only what the analysis concerns: contact, education and other sections stay in the builder.
    assert "education-TOTAL_FORMS" not in values and "full_name" not in values
    assert 'list="skill-options"' in page and '<datalist id="skill-options">' in page


def test_saving_keeps_every_part_as_typed(signed_in, resume):
    values = form_values(_page(signed_in, resume), FORM)
    values.update({"skills-TOTAL_FORMS": "3", "skills-2-name": "TPN compounding", "op": "save"})
    response = signed_in.post(reverse("resumes:analyze_save", args=[resume.pk]), values)
    assert response.status_code == 302
    assert response["Location"] == reverse("resumes:analyze", args=[resume.pk])
    resume.refresh_from_db()
    assert resume.skills == ["Customer service", "Aseptic technique", "TPN compounding"]
    assert resume.experience[0]["title"] == TITLE_WITH_PIPE
    assert resume.experience[0]["bullets"][1].startswith("Compounded IV admixtures")
    assert resume.education[0]["institution"] == "Houston Community College"  # not on the page
    assert resume.full_name == "Ana Rivera"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Resume saved." in page


def test_saving_nothing_new_says_so(signed_in, resume):
    values = form_values(_page(signed_in, resume), FORM)
    before = resume.updated_at
    response = signed_in.post(
        reverse("resumes:analyze_save", args=[resume.pk]), {**values, "op": "save"}, **HTMX
    )
    assert "No changes to save." in response.content.decode()
    resume.refresh_from_db()
    assert resume.updated_at == before


def test_add_and_remove_without_javascript_keep_what_was_typed(signed_in, resume):
    url = reverse("resumes:analyze_save", args=[resume.pk])
    values = form_values(_page(signed_in, resume), FORM)
    values["summary"] = "Typed, not saved."
    response = signed_in.post(url, {**values, "op": "skills:add"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Analyze" in page  # the whole page, no JavaScript needed
    assert "Added skill 3. Not saved yet." in page
    added = form_values(page, FORM)
    assert added["skills-TOTAL_FORMS"] == "3" and added["skills-2-name"] == ""
    assert added["summary"] == "Typed, not saved."
    assert re.search(r'name="skills-2-name"[^>]*autofocus', page)

    removed = form_values(
        signed_in.post(url, {**added, "op": "skills:remove:0"}).content.decode(), FORM
    )
    assert removed["skills-TOTAL_FORMS"] == "2"
    assert removed["skills-0-name"] == "Aseptic technique"
    assert removed["experience-0-title"] == TITLE_WITH_PIPE
    _unchanged(resume)


def test_with_htmx_the_buttons_swap_the_fields_and_the_score_follows(signed_in, resume):
    values = form_values(_page(signed_in, resume), FORM)
    response = signed_in.post(
        reverse("resumes:analyze_save", args=[resume.pk]),
        {**values, "op": "experience:add"},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Trigger-After-Settle"] == "resume-changed"
    assert "<h1>" not in body and "<html" not in body
    fields = form_values(body, FORM)
    assert fields["experience-TOTAL_FORMS"] == "2"
    assert fields["experience-1-title"] == ""
    assert re.search(r'name="experience-1-title"[^>]*autofocus', body)
    _unchanged(resume)


def test_the_score_follows_the_unsaved_fields(signed_in, resume):
    url = reverse("resumes:preview", args=[resume.pk])
    values = form_values(_page(signed_in, resume), FORM)
    before = signed_in.post(url, values, **HTMX).content.decode()
    values.update({"skills-TOTAL_FORMS": "4", "skills-2-name": "TPN", "skills-3-name": "Pyxis"})
    after = signed_in.post(url, values, **HTMX).content.decode()
    assert "(with your unsaved edits)" in after
    assert _score(after) > _score(before)
    assert "Required skills" in after and "required_skills" not in after.split("<h3>Coverage")[1]
    for figures in re.findall(r"— ([\d.]+) of ([\d.]+) points", after):
        assert float(figures[0]) <= float(figures[1])
    _unchanged(resume)


def test_i_have_this_adds_the_wording_to_the_fields_and_keeps_what_was_typed(signed_in, resume):
    page = _page(signed_in, resume)
    assert re.search(
        r'<button type="submit" form="analysis-edit-form" name="have" value="TPN', page
    )
    values = form_values(page, FORM)
    values["summary"] = "Typed before pressing it."
    url = reverse("resumes:analyze_save", args=[resume.pk])
    response = signed_in.post(url, {**values, "have": "TPN compounding"})
    body = response.content.decode()
    assert "Added “TPN compounding” to your skills. Not saved yet." in body
    fields = form_values(body, FORM)
    assert fields["skills-2-name"] == "TPN compounding"
    assert fields["summary"] == "Typed before pressing it."
    assert "(with your unsaved edits)" in body  # the results score what is in the fields
    _unchanged(resume)

    again = signed_in.post(url, {**fields, "have": "tpn compounding"}, **HTMX).content.decode()
    assert "“tpn compounding” is already in your skills." in again
    assert form_values(again, FORM)["skills-TOTAL_FORMS"] == "3"

    signed_in.post(url, {**fields, "op": "save"})
    resume.refresh_from_db()
    assert resume.skills == ["Customer service", "Aseptic technique", "TPN compounding"]
    assert resume.summary == "Typed before pressing it."


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_bad_input_says_what_is_wrong_saves_nothing_and_keeps_the_typing(signed_in, resume, htmx):
    values = form_values(_page(signed_in, resume), FORM)
    too_long = "x" * 501
    values.update({"skills-1-name": too_long, "summary": "Changed too.", "op": "save"})
    response = signed_in.post(
        reverse("resumes:analyze_save", args=[resume.pk]), values, **(HTMX if htmx else {})
    )
    assert response.status_code == (200 if htmx else 422)
    body = response.content.decode()
    assert "Not saved: correct the fields marked below." in body
    assert "Skills: a line is longer than 500 characters." in body
    fields = form_values(body, FORM)
    assert fields["skills-1-name"] == too_long
    assert fields["summary"] == "Changed too."
    _unchanged(resume)


def test_a_count_that_is_not_a_number_is_no_500(signed_in, resume):
    response = signed_in.post(
        reverse("resumes:analyze_save", args=[resume.pk]),
        {"skills-TOTAL_FORMS": "many", "op": "skills:add", "summary": "x"},
    )
    assert response.status_code == 200
    assert form_values(response.content.decode(), FORM)["skills-TOTAL_FORMS"] == "1"
    _unchanged(resume)


def test_the_posting_checked_now_is_the_one_selected(signed_in, member):
    from tests.jobs.factories import EmployerFactory, publish

    employer = EmployerFactory(name="Cascade Sound Health")
    target = publish(employer, title="IV Compounding Technician", days_ago=30)
    for number in range(3):  # newer postings: the board's list would not reach the target
        publish(employer, title=f"Technician {number}")
    resume = make_resume(member, target_posting=target)
    page = _page(signed_in, resume)
    select = page.split('<select name="posting"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)" selected>', select) == [f"p:{target.public_id}"]
    assert select.count(f'value="p:{target.public_id}"') == 1
    assert '<optgroup label="Checked against now">' in select
    assert select.count("— Cascade Sound Health</option>") == 4
    assert 'value="">— choose —</option>' in select
