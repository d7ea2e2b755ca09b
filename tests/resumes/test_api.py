"""The JSON API: POST /api/v1/skills/extract and POST /api/v1/resumes/analyze."""

from __future__ import annotations

import pytest

from rxguild.accounts.models import User
from rxguild.accounts.tokens import token_create
from rxguild.resumes import ats

EXTRACT = "/api/v1/skills/extract"
ANALYZE = "/api/v1/resumes/analyze"


@pytest.fixture(autouse=True)
def _small_engine(monkeypatch, analyzer):
    # The data files grow; the API's contract is pinned against the small test taxonomy.
    monkeypatch.setattr(ats, "default_analyzer", lambda: analyzer)


@pytest.fixture
def member(db):
    return User.objects.create_user(email="tech@example.com", password="a long passphrase 1")


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


@pytest.mark.parametrize("url", [EXTRACT, ANALYZE])
def test_anonymous_callers_are_refused(client, db, url):
    response = client.post(url, {"text": "x"}, content_type="application/json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in or send a valid personal access token."}


def test_extract_returns_hits_with_spans(signed_in):
    text = "Compounded IV admixtures per USP <797>; restocked Omnicel."
    response = signed_in.post(EXTRACT, {"text": text}, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {
        "count": 3,
        "hits": [
            {
                "code": "sterile-compounding",
                "name": "Sterile compounding",
                "kind": "skill",
                "category": "sterile_compounding",
                "start": 11,
                "end": 24,
                "text": "IV admixtures",
                "matched_by": "synonym",
                "negated": False,
                "wanted": False,
            },
            {
                "code": "usp-797",
                "name": "USP 797",
                "kind": "skill",
                "category": "regulatory",
                "start": 29,
                "end": 38,
                "text": "USP <797>",
                "matched_by": "exact",
                "negated": False,
                "wanted": False,
            },
            {
                "code": "automated-dispensing-cabinets",
                "name": "Automated dispensing cabinets",
                "kind": "skill",
                "category": "software_automation",
                "start": 50,
                "end": 57,
                "text": "Omnicel",
                "matched_by": "synonym",
                "negated": False,
                "wanted": False,
            },
        ],
    }


def test_extract_with_a_personal_access_token(client, member):
    # Analysis is a POST, so it takes a token that may write (POST is never treated as a read).
    secret = token_create(user=member, name="scripts", scopes=["skills:write"]).secret
    response = client.post(
        EXTRACT,
        {"text": "Prior auth"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 200
    assert [hit["code"] for hit in response.json()["hits"]] == ["prior-authorization"]


RESUME = """Jane Doe
jane@example.com | 555-123-4567
Experience
IV Technician, Mercy Hospital, Jan 2021 - Dec 2022
IV admixtures with aseptic technique.
Certifications
Certified Pharmacy Technician
Skills
Aseptic technique
Education
2020
"""


def test_analyze_returns_the_full_analysis(signed_in):
    posting = "Requirements:\n- CPhT\n- 2 years of experience\n- USP 797\nPreferred: Pyxis"
    response = signed_in.post(
        ANALYZE, {"resume_text": RESUME, "posting_text": posting}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "score": 50,
        "computation": (
            "required credentials: 1 of 1, weight 35 = 35 points; "
            "required skills: 0 of 1, weight 35 = 0 points; "
            "preferred: 0 of 1, weight 15 = 0 points; "
            "experience: 2 of 2, weight 15 = 15 points. "
            "Weights of parts the posting does not ask for are shared among the rest."
        ),
        "components": [
            {
                "name": "required_credentials",
                "weight": 35,
                "matched": 1.0,
                "total": 1.0,
                "points": 35.0,
                "max_points": 35.0,
            },
            {
                "name": "required_skills",
                "weight": 35,
                "matched": 0.0,
                "total": 1.0,
                "points": 0.0,
                "max_points": 35.0,
            },
            {
                "name": "preferred",
                "weight": 15,
                "matched": 0.0,
                "total": 1.0,
                "points": 0.0,
                "max_points": 15.0,
            },
            {
                "name": "experience",
                "weight": 15,
                "matched": 2.0,
                "total": 2.0,
                "points": 15.0,
                "max_points": 15.0,
            },
        ],
        "matched": [
            {
                "code": "ptcb-cpht",
                "name": "Certified Pharmacy Technician",
                "kind": "credential",
                "category": "certification",
                "importance": "required",
                "posting_text": "CPhT",
                "resume_text": "Certified Pharmacy Technician",
                "through": "",
            }
        ],
        "missing": [
            {
                "code": "usp-797",
                "name": "USP 797",
                "kind": "skill",
                "category": "regulatory",
                "importance": "required",
                "posting_text": "USP 797",
                "suggestion": (
                    "If you have USP 797 experience, add it in your own words (where, how often, "
                    "with what), using the posting's term “USP 797”. Add only what you have."
                ),
            },
            {
                "code": "automated-dispensing-cabinets",
                "name": "Automated dispensing cabinets",
                "kind": "skill",
                "category": "software_automation",
                "importance": "preferred",
                "posting_text": "Pyxis",
                "suggestion": (
                    "If you have Automated dispensing cabinets experience, add it in your own "
                    "words (where, how often, with what), using the posting's term “Pyxis”. "
                    "Add only what you have."
                ),
            },
        ],
        "literal_hints": [
            {
                "code": "ptcb-cpht",
                "name": "Certified Pharmacy Technician",
                "posting_text": "CPhT",
                "resume_text": "Certified Pharmacy Technician",
                "message": (
                    "The posting writes “CPhT”; your resume says “Certified Pharmacy Technician”. "
                    "Some ATS search for the exact words: write both, e.g. "
                    "“Certified Pharmacy Technician (CPhT)”."
                ),
            }
        ],
        "wanted": [],
        "resume_settings": ["hospital"],
        "checks": [],
        "posting": {
            "items": [
                {
                    "code": "ptcb-cpht",
                    "name": "Certified Pharmacy Technician",
                    "kind": "credential",
                    "category": "certification",
                    "importance": "required",
                    "written": "CPhT",
                },
                {
                    "code": "usp-797",
                    "name": "USP 797",
                    "kind": "skill",
                    "category": "regulatory",
                    "importance": "required",
                    "written": "USP 797",
                },
                {
                    "code": "automated-dispensing-cabinets",
                    "name": "Automated dispensing cabinets",
                    "kind": "skill",
                    "category": "software_automation",
                    "importance": "preferred",
                    "written": "Pyxis",
                },
            ],
            "years_required": 2.0,
            "years_preferred": None,
            "no_experience_required": False,
            "shifts": [],
            "settings": [],
        },
        "resume_years": 2.0,
    }


def test_text_over_100_kb_is_refused_with_a_message(signed_in):
    response = signed_in.post(
        EXTRACT, {"text": "a" * (100 * 1024 + 1)}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "payload", "text"],
                "msg": "Value error, text is too long: at most 100 KB (102,400 bytes) of text "
                "is analysed.",
            }
        ]
    }


def test_exactly_100_kb_is_accepted(signed_in):
    response = signed_in.post(
        EXTRACT, {"text": "a" * (100 * 1024)}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {"count": 0, "hits": []}


def test_analyze_limits_each_text(signed_in):
    response = signed_in.post(
        ANALYZE,
        {"resume_text": "é" * (51 * 1024), "posting_text": "ok"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [
        ["body", "payload", "resume_text"]
    ]


def test_missing_field_is_a_clear_422(signed_in):
    response = signed_in.post(ANALYZE, {"resume_text": "x"}, content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "payload", "posting_text"], "msg": "Field required"}]
    }


def test_calls_are_rate_limited_per_member(signed_in):
    statuses = [
        signed_in.post(EXTRACT, {"text": "CPhT"}, content_type="application/json").status_code
        for _ in range(61)
    ]
    assert statuses.count(200) == 60
    assert statuses[-1] == 429
