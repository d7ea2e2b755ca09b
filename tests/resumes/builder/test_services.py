"""Services: master from the profile, tailoring that never invents, updates, deletes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from tests.jobs.factories import make_catalog
from tests.resumes.builder.conftest import IV_POSTING, make_resume

from rxguild.profiles import services as profile_services
from rxguild.profiles.models import CredentialHeld, Education, ProfileSkill, WorkExperience
from rxguild.resumes import services
from rxguild.resumes.models import Resume


def test_master_from_profile_holds_what_the_profile_says(member):
    catalog = make_catalog()
    profile = profile_services.profile_get_or_create_for_user(user=member)
    profile.display_name = "Ana Rivera"
    profile.headline = "Hospital pharmacy technician"
    profile.state = "TX"
    profile.save()
    WorkExperience.objects.create(
        profile=profile,
        employer="Memorial Hospital",
        title="IV Technician",
        city="Houston",
        state="TX",
        start_date=dt.date(2021, 3, 1),
        summary="- Compounded TPN\n- Restocked Pyxis",
    )
    Education.objects.create(
        profile=profile, institution="HCC", program="Pharmacy Technician", externship_hours=120
    )
    CredentialHeld.objects.create(
        profile=profile, credential=catalog["cpht"], expires_on=dt.date(2027, 6, 30)
    )
    ProfileSkill.objects.create(profile=profile, skill=catalog["iv"])

    resume = services.resume_create_from_profile(owner=member)

    assert resume.kind == Resume.Kind.MASTER
    assert resume.title == "Master resume"
    assert resume.full_name == "Ana Rivera"
    assert resume.email == "ana@example.org"
    assert resume.location == "TX"  # no ZIP on the profile: the state alone
    assert resume.summary == "Hospital pharmacy technician"
    assert resume.experience == [
        {
            "title": "IV Technician",
            "employer": "Memorial Hospital",
            "location": "Houston, TX",
            "dates": "Mar 2021 \u2013 Present",
            "bullets": ["Compounded TPN", "Restocked Pyxis"],
        }
    ]
    assert resume.education == [
        {
            "program": "Pharmacy Technician",
            "institution": "HCC",
            "dates": "",
            "details": ["Externship: 120 hours"],
        }
    ]
    assert resume.certifications == ["Certified Pharmacy Technician (CPhT), valid through Jun 2027"]
    assert resume.skills == ["Sterile compounding"]


def test_tailored_copy_reorders_and_never_adds(member):
    master = make_resume(member)
    copy = services.resume_tailor_for_posting(resume=master, posting_text=IV_POSTING)

    assert copy.pk != master.pk
    assert copy.kind == Resume.Kind.TAILORED
    assert copy.tailored_from == master
    assert copy.title == "Master resume \u2014 for pasted posting"
    assert copy.posting_text == IV_POSTING.strip()
    # What the posting asks for (aseptic technique, IV admixture, USP 797) comes first ...
    assert copy.skills == ["Aseptic technique", "Customer service"]
    assert copy.experience[0]["bullets"] == [
        "Compounded IV admixtures under USP <797> using aseptic technique",
        "Answered phones and filed paperwork",
    ]
    # ... and nothing else changes: the same items, the same words.
    assert sorted(copy.skills) == sorted(master.skills)
    assert copy.certifications == master.certifications
    assert copy.summary == master.summary
    master.refresh_from_db()
    assert master.skills == ["Customer service", "Aseptic technique"]


def test_tailoring_needs_a_posting(member):
    master = make_resume(member)
    with pytest.raises(ValidationError) as error:
        services.resume_tailor_for_posting(resume=master, posting_text="  ")
    assert error.value.message_dict == {"posting_text": ["Pick a posting or paste its text."]}
    assert Resume.objects.count() == 1


def test_update_parses_sections_and_refuses_bad_input_whole(member):
    resume = make_resume(member)
    services.resume_update(
        resume=resume,
        experience_text="Lead Tech | Mercy | Dallas, TX | 2024 \u2013 Present\n- Trained 4 techs",
        skills_text="TPN\n- Pyxis\n",
    )
    resume.refresh_from_db()
    assert resume.experience == [
        {
            "title": "Lead Tech",
            "employer": "Mercy",
            "location": "Dallas, TX",
            "dates": "2024 \u2013 Present",
            "bullets": ["Trained 4 techs"],
        }
    ]
    assert resume.skills == ["TPN", "Pyxis"]

    with pytest.raises(ValidationError) as error:
        services.resume_update(
            resume=resume, title="", email="not-an-email", experience_text="- orphan bullet"
        )
    assert error.value.message_dict == {
        "title": ["Give the resume a name (only you see it)."],
        "email": ["Enter a valid email address."],
        "experience_text": [
            "Experience: start with a heading line (e.g. \u201cTitle | Employer | Place | "
            "Dates\u201d) before the bullet points."
        ],
    }
    resume.refresh_from_db()
    assert resume.title == "Master resume"
    assert resume.email == "ana@example.org"


def test_delete(member):
    resume = make_resume(member)
    services.resume_delete(resume=resume)
    assert Resume.objects.count() == 0


@pytest.mark.parametrize(
    ("zip_code", "state", "place"),
    [
        ("77030", "TX", "Houston, TX"),
        ("77030", "", "Houston, TX"),
        ("77030", "LA", "LA"),  # the ZIP is in another state: the state alone
        ("00000", "TX", "TX"),
        ("", "", ""),
    ],
    ids=["zip-and-state", "zip-only", "zip-elsewhere", "unknown-zip", "nothing"],
)
def test_master_from_profile_names_the_city_of_the_profiles_zip(member, zip_code, state, place):
    profile = profile_services.profile_get_or_create_for_user(user=member)
    profile.zip_code, profile.state = zip_code, state
    profile.save()
    assert services.resume_create_from_profile(owner=member).location == place
