"""schema.org JobPosting as JSON-LD: out (job pages, feed) and in (imports).

Field names follow https://schema.org/JobPosting and Google's job posting structured data
guide (employmentType values, baseSalary as MonetaryAmount with a QuantitativeValue,
jobLocationType TELECOMMUTE for remote, applicantLocationRequirements). Credentials are
`EducationalOccupationalCredential` objects (credentialCategory, recognizedBy,
validIn), as schema.org's `educationRequirements` allows.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.safestring import SafeString, mark_safe

from rxguild.jobs.models import JobPosting, LocationPrecision
from rxguild.jobs.services import PostingInput

_CATEGORY = {
    "certification": "certification",
    "certificate": "certificate",
    "state_registration": "license",
}


def _credential_ld(credential: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "EducationalOccupationalCredential",
        "name": credential.name,
        "identifier": credential.code,
        "credentialCategory": _CATEGORY.get(credential.kind, credential.kind),
        "recognizedBy": {"@type": "Organization", "name": credential.issuer},
    }
    if credential.state:
        data["validIn"] = {"@type": "AdministrativeArea", "name": credential.state}
    return data


def posting_to_jsonld(
    posting: JobPosting, *, url: str, description: str | None = None
) -> dict[str, Any]:
    """A JobPosting object; expects credential_requirements and skills prefetched.
    `description`: the text as members read it (selectors.posting_description_text)."""
    requirements = list(posting.credential_requirements.all())
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": posting.description if description is None else description,
        "identifier": {
            "@type": "PropertyValue",
            "name": posting.employer.name,
            "value": posting.external_id or str(posting.public_id),
        },
        "url": url,
        "datePosted": (posting.date_posted or posting.created_at).date().isoformat(),
        "validThrough": posting.valid_through.isoformat(),
        "employmentType": posting.employment_type,
        "hiringOrganization": {
            "@type": "Organization",
            "name": posting.employer.name,
            **({"sameAs": posting.employer.website} if posting.employer.website else {}),
        },
        "experienceRequirements": {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": posting.experience_months,
        },
        "industry": "Pharmacy",
        "occupationalCategory": "29-2052.00 Pharmacy Technicians",
    }
    if posting.zip_code:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                **({"streetAddress": posting.street_address} if posting.street_address else {}),
                "addressLocality": posting.city,
                "addressRegion": posting.state,
                "postalCode": posting.zip_code,
                "addressCountry": "US",
            },
        }
        if posting.location_precision == LocationPrecision.POINT:
            data["jobLocation"]["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": posting.latitude,
                "longitude": posting.longitude,
            }
    if posting.location_type == JobPosting.LocationType.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        if posting.state:
            data["applicantLocationRequirements"] = {"@type": "State", "name": posting.state}
    if posting.pay_unit and (posting.pay_min is not None or posting.pay_max is not None):
        value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": posting.pay_unit}
        if posting.pay_min is not None:
            value["minValue"] = float(posting.pay_min)
        if posting.pay_max is not None:
            value["maxValue"] = float(posting.pay_max)
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "USD", "value": value}
    if posting.shift:
        data["workHours"] = posting.get_shift_display() + " shift"
    if posting.practice_setting is not None:
        data["industry"] = f"Pharmacy — {posting.practice_setting.name}"
    required = [_credential_ld(r.credential) for r in requirements if r.required]
    preferred = [_credential_ld(r.credential) for r in requirements if not r.required]
    if required:
        data["educationRequirements"] = required
    if preferred:
        data["qualifications"] = preferred
    # DefinedTerm keeps the readable name and the taxonomy code (what import matches on).
    skills = [
        {"@type": "DefinedTerm", "name": skill.name, "termCode": skill.code}
        for skill in posting.skills.all()
    ]
    if skills:
        data["skills"] = skills
    if posting.kind != JobPosting.Kind.JOB:
        data["employmentType"] = "INTERN"
        data["additionalType"] = posting.get_kind_display()
    return data


class JsonLdError(ValueError):
    pass


def _credential_codes(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    codes = []
    for item in items:
        if isinstance(item, str):
            codes.append(item.strip())
        elif isinstance(item, dict):
            code = item.get("identifier") or item.get("name") or ""
            if isinstance(code, dict):
                code = code.get("value", "")
            codes.append(str(code).strip())
    return [c for c in codes if c]


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    text = str(value)
    parsed = parse_datetime(text)
    if parsed is None:
        day = parse_date(text)
        if day is None:
            raise JsonLdError(f"validThrough “{text}” is not a date.")
        parsed = datetime(day.year, day.month, day.day, 23, 59)
    return parsed


def jsonld_to_input(data: dict[str, Any]) -> PostingInput:
    """Read one JobPosting object (as we write it, or as most boards do) into PostingInput.

    Credentials and skills are matched by catalog code (`identifier`); the service then
    reports unknown codes per row. Structural problems raise JsonLdError.
    """
    if not isinstance(data, dict) or data.get("@type") != "JobPosting":
        raise JsonLdError("Each item must be a schema.org JobPosting object.")
    identifier = data.get("identifier")
    external_id = identifier.get("value", "") if isinstance(identifier, dict) else identifier
    address: dict[str, Any] = {}
    location = data.get("jobLocation")
    if isinstance(location, list):
        location = location[0] if location else None
    if isinstance(location, dict) and isinstance(location.get("address"), dict):
        address = location["address"]
    geo = location.get("geo") if isinstance(location, dict) else None
    geo = geo if isinstance(geo, dict) else {}
    salary = data.get("baseSalary") or {}
    value = salary.get("value") if isinstance(salary, dict) else {}
    value = value if isinstance(value, dict) else {}
    employment_type = data.get("employmentType") or ""
    if isinstance(employment_type, list):
        employment_type = employment_type[0] if employment_type else ""
    experience = data.get("experienceRequirements") or {}
    months = experience.get("monthsOfExperience", 0) if isinstance(experience, dict) else 0
    additional = str(data.get("additionalType") or "").lower()
    kind = (
        JobPosting.Kind.EXTERNSHIP
        if "extern" in additional
        else JobPosting.Kind.INTERNSHIP
        if employment_type == "INTERN"
        else JobPosting.Kind.JOB
    )
    remote = data.get("jobLocationType") == "TELECOMMUTE"
    skills = data.get("skills") or []
    return PostingInput(
        title=str(data.get("title") or ""),
        description=str(data.get("description") or ""),
        employment_type=str(employment_type),
        kind=kind,
        experience_months=months or 0,
        location_type=JobPosting.LocationType.REMOTE if remote else JobPosting.LocationType.ON_SITE,
        street_address=str(address.get("streetAddress") or ""),
        city=str(address.get("addressLocality") or ""),
        state=str(address.get("addressRegion") or ""),
        zip_code=str(address.get("postalCode") or "")[:5],
        latitude=geo.get("latitude"),
        longitude=geo.get("longitude"),
        pay_min=value.get("minValue"),
        pay_max=value.get("maxValue"),
        pay_unit=str(value.get("unitText") or ""),
        valid_through=_when(data.get("validThrough")),
        required_credentials=_credential_codes(data.get("educationRequirements")),
        preferred_credentials=_credential_codes(data.get("qualifications")),
        skills=[
            str(s.get("termCode") or "") if isinstance(s, dict) else str(s)
            for s in (skills if isinstance(skills, list) else [])
        ],
        external_id=str(external_id or ""),
    )


_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld_script_text(data: dict[str, Any]) -> SafeString:
    """JSON for a `<script type="application/ld+json">` data block.

    Same escaping as Django's json_script (which can't set this type): <, > and & become
    \\u escapes, so a description containing `</script>` can't end the block early. JSON
    parsers read the escapes back as the original characters.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)
