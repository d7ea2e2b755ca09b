"""JSON Resume (https://jsonresume.org/schema) export of a member profile.

The standard keys carry what they can; RxGuild facts with no standard home (catalog codes,
credential numbers and expiry, externship hours, skill levels) ride along under
`x-rxguild` objects inside items (the schema allows extra item properties) and under
`meta["x-rxguild"]` for profile-wide ones (the root allows no extra keys). Importing our
own export therefore gives back the same profile.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rxguild.profiles.jsonresume_schema import EXTENSION_KEY, EXTENSION_VERSION, SCHEMA_URL
from rxguild.profiles.models import Education, Profile, ProfileSkill


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _drop_empty(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def profile_to_json_resume(profile: Profile, *, public_url: str | None = None) -> dict[str, Any]:
    """The member's whole profile (owner's export: includes their email)."""
    location = _drop_empty(
        {
            "postalCode": profile.zip_code,
            "region": profile.state,
            "countryCode": "US" if profile.zip_code or profile.state else None,
        }
    )
    basics = _drop_empty(
        {
            "name": profile.display_name,
            "label": profile.headline,
            "email": profile.user.email,
            "summary": profile.brand_statement,
            "url": public_url if profile.is_public else None,
            "location": location,
        }
    )
    basics["profiles"] = []
    work = [
        _drop_empty(
            {
                "name": item.employer,
                "position": item.title,
                "location": ", ".join(part for part in (item.city, item.state) if part),
                "startDate": _iso(item.start_date),
                "endDate": _iso(item.end_date),
                "summary": item.summary,
                EXTENSION_KEY: _drop_empty(
                    {
                        "city": item.city,
                        "state": item.state,
                        "practiceSetting": item.practice_setting.code
                        if item.practice_setting
                        else None,
                    }
                ),
            }
        )
        for item in profile.work_history.all()
    ]
    education = [
        _drop_empty(
            {
                "institution": item.institution,
                "area": item.program,
                "studyType": Education.Kind(item.kind).label,
                "startDate": _iso(item.start_date),
                "endDate": _iso(item.end_date),
                EXTENSION_KEY: _drop_empty(
                    {
                        "kind": item.kind,
                        "accreditation": item.accreditation,
                        "externshipHours": item.externship_hours,
                    }
                ),
            }
        )
        for item in profile.education.all()
    ]
    certificates = [
        _drop_empty(
            {
                "name": held.credential.name,
                "date": _iso(held.issued_on),
                "issuer": held.credential.issuer,
                "url": held.credential.url,
                EXTENSION_KEY: _drop_empty(
                    {
                        "code": held.credential.code,
                        "number": held.number,
                        "state": held.state,
                        "expiresOn": _iso(held.expires_on),
                    }
                ),
            }
        )
        for held in profile.credentials.all()
    ]
    skills = [
        {
            "name": row.skill.name,
            "level": ProfileSkill.Level(row.level).label,
            "keywords": list(row.skill.synonyms or []),
            EXTENSION_KEY: {"code": row.skill.code, "level": row.level},
        }
        for row in profile.skills.all()
    ]
    meta = {
        "version": "v1.0.0",
        EXTENSION_KEY: _drop_empty(
            {
                "version": EXTENSION_VERSION,
                "yearsExperience": profile.years_experience,
                "practiceSettings": sorted(s.code for s in profile.practice_settings.all()),
            }
        ),
    }
    return {
        "$schema": SCHEMA_URL,
        "basics": basics,
        "work": work,
        "education": education,
        "certificates": certificates,
        "skills": skills,
        "meta": meta,
    }
