"""A search's credential requirements (one query for the candidates) and its facet counts,
computed in Python over at most DEFAULT_CAP candidate rows."""

from __future__ import annotations

from collections import Counter

from django.db import connection

from rxguild.jobs.eligibility import credentials_open_to
from rxguild.jobs.models import EmploymentType, JobPosting, Shift
from rxguild.jobs.search.query import CandidateRow
from rxguild.jobs.selectors.results import CatalogRefs, FacetValue, Requirements


def posting_requirements(ids: list[int]) -> Requirements:
    """(credential_id, required) per candidate posting: one query for facets and badges."""
    found: Requirements = {}
    if not ids:
        return found
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array parameter: a thousand literals cost PostgreSQL more to parse and
            # plan than the look-ups themselves.
            cursor.execute(
                "SELECT posting_id, credential_id, required FROM jobs_postingcredential "
                "WHERE posting_id = ANY(%s)",
                [ids],
            )
            for posting_id, credential_id, required in cursor.fetchall():
                found.setdefault(posting_id, []).append((credential_id, bool(required)))
            return found
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marks = ",".join(["%s"] * len(chunk))
            cursor.execute(
                "SELECT posting_id, credential_id, required FROM jobs_postingcredential "  # noqa: S608 - placeholders only
                f"WHERE posting_id IN ({marks})",
                chunk,
            )
            for posting_id, credential_id, required in cursor.fetchall():
                found.setdefault(posting_id, []).append((credential_id, bool(required)))
    return found


def _by_count(values: list[FacetValue]) -> list[FacetValue]:
    return sorted(values, key=lambda f: (-f.count, f.label))


def search_facets(
    rows: list[CandidateRow], requirements: Requirements, refs: CatalogRefs
) -> dict[str, list[FacetValue]]:
    settings_count = Counter(r.setting_id for r in rows if r.setting_id is not None)
    types = Counter(r.employment_type for r in rows)
    shifts = Counter(r.shift for r in rows if r.shift)
    internships = sum(1 for r in rows if r.kind != JobPosting.Kind.JOB)
    credential_counts = _credential_counts(rows, requirements, refs)
    return {
        "setting": _by_count(
            [
                FacetValue(refs.settings_by_id[pk][0], refs.settings_by_id[pk][1], n)
                for pk, n in settings_count.items()
                if pk in refs.settings_by_id
            ]
        ),
        "employment_type": _by_count(
            [FacetValue(v, EmploymentType(v).label, n) for v, n in types.items()]
        ),
        "shift": _by_count([FacetValue(v, Shift(v).label, n) for v, n in shifts.items()]),
        "credential": _by_count(
            [
                FacetValue(
                    refs.credentials_by_id[pk].code,
                    refs.credentials_by_id[pk].abbreviation or refs.credentials_by_id[pk].name,
                    n,
                )
                for pk, n in credential_counts.items()
                if pk in refs.credentials_by_id
            ]
        ),
        "internship": [FacetValue("1", "Internships and externships", internships)]
        if internships
        else [],
    }


def _credential_counts(
    rows: list[CandidateRow], requirements: Requirements, refs: CatalogRefs
) -> dict[int, int]:
    """Per credential some candidate requires, how many candidates a holder of it could
    apply to: the count the `credential` filter then returns (it includes the requirements
    that credential meets, e.g. a trainee registration for a registered technician)."""
    required_by_row = [
        {cid for cid, required in requirements.get(r.posting_id, ()) if required} for r in rows
    ]
    counts: dict[int, int] = {}
    for pk in set().union(*required_by_row) if required_by_row else ():
        credential = refs.credentials_by_id.get(pk)
        if credential is None:
            continue
        opens = {
            refs.credentials_by_code[code].id
            for code in credentials_open_to(credential.code)
            if code in refs.credentials_by_code
        }
        counts[pk] = sum(1 for ids in required_by_row if ids & opens)
    return counts
