"""Public pages of the reference catalog. Thin: each view asks a selector and renders.

Anyone may read the catalog (it is published reference data), so no view needs a viewer check.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from rxguild.catalog import selectors
from rxguild.catalog.access import may_review_facts
from rxguild.catalog.models import Credential, Skill
from rxguild.ce.jurisdictions import JURISDICTION_NAMES

STATE_NAMES = {
    "CA": "California",
    "FL": "Florida",
    "GA": "Georgia",
    "IL": "Illinois",
    "MI": "Michigan",
    "NC": "North Carolina",
    "NJ": "New Jersey",
    "NY": "New York",
    "OH": "Ohio",
    "PA": "Pennsylvania",
    "TX": "Texas",
    "VA": "Virginia",
    "WA": "Washington",
    "US": "United States",
}
# Every state, DC and Puerto Rico (issue #19), for credentials added since the first 13.
STATE_NAMES = {**JURISDICTION_NAMES, **STATE_NAMES}


def _add_state_name(credential: Credential) -> Credential:
    credential.state_name = STATE_NAMES.get(credential.state, credential.state)  # type: ignore[attr-defined]  # display only
    return credential


def _common(section: str) -> dict[str, object]:
    return {"section": section, "unsure": selectors.UNSURE_CONFIDENCES}


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    context = {
        **_common("index"),
        "versions": selectors.data_file_versions(),
        "onet_attribution": selectors.ONET_ATTRIBUTION,
    }
    return render(request, "catalog/index.html", context)


@require_GET
def credential_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    state = request.GET.get("state", "").upper()
    if kind not in Credential.Kind.values:
        kind = ""
    if state not in STATE_NAMES or state == "US":
        state = ""
    credentials = list(selectors.credential_list(kind=kind or None, state=state or None))
    for credential in credentials:
        _add_state_name(credential)
    context = {
        **_common("credentials"),
        "credentials": credentials,
        "kinds": Credential.Kind.choices,
        "states": [(code, name) for code, name in sorted(STATE_NAMES.items()) if code != "US"],
        "kind": kind,
        "state": state,
        "state_names": STATE_NAMES,
    }
    return render(request, "catalog/credentials.html", context)


@require_GET
def credential_detail(request: HttpRequest, code: str) -> HttpResponse:
    credential = _add_state_name(selectors.credential_get(code=code))
    context = {**_common("credentials"), "credential": credential, "state_names": STATE_NAMES}
    return render(request, "catalog/credential_detail.html", context)


@require_GET
def practice_setting_list(request: HttpRequest) -> HttpResponse:
    context = {**_common("settings"), "practice_settings": selectors.practice_setting_list()}
    return render(request, "catalog/practice_settings.html", context)


@require_GET
def specialization_list(request: HttpRequest) -> HttpResponse:
    context = {**_common("specializations"), "specializations": selectors.specialization_list()}
    return render(request, "catalog/specializations.html", context)


@require_GET
def skill_list(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    if category not in Skill.Category.values:
        category = ""
    q = " ".join(request.GET.get("q", "").split())[:100]
    skills = list(selectors.skill_search(category=category or None, q=q or None))
    labels = dict(Skill.Category.choices)
    for skill in skills:
        skill.category_label = labels[skill.category]  # type: ignore[attr-defined]  # display only
    context = {
        **_common("skills"),
        "skills": skills,
        "categories": Skill.Category.choices,
        "category": category,
        "q": q,
        "onet_attribution": selectors.ONET_ATTRIBUTION,
    }
    # htmx search-as-you-type swaps only the results.
    template = "catalog/_skill_results.html" if request.headers.get("HX-Request") else None
    return render(request, template or "catalog/skills.html", context)


@require_GET
def wage_list(request: HttpRequest) -> HttpResponse:
    context = {
        **_common("wages"),
        "wages": selectors.wage_list(),
        "state_names": STATE_NAMES,
    }
    return render(request, "catalog/wages.html", context)


@require_GET
def state_list(request: HttpRequest) -> HttpResponse:
    context = {**_common("states"), "states": selectors.state_list()}
    return render(request, "catalog/states.html", context)


@require_GET
def state_detail(request: HttpRequest, code: str) -> HttpResponse:
    entry = selectors.state_get(code=code)
    statuses = selectors.member_state_statuses(request.user, entry, today=timezone.localdate())
    context = {**_common("states"), "entry": entry, "my_statuses": statuses}
    return render(request, "catalog/state_detail.html", context)


REVIEW_CONFIDENCES = ("", "low", "medium", "high")


@require_GET
def fact_review(request: HttpRequest) -> HttpResponse:
    """Staff: the facts to re-check, oldest check first (404 for anyone else, as for admin)."""
    if not may_review_facts(request.user):
        raise Http404
    confidence = request.GET.get("confidence", "")
    if confidence not in REVIEW_CONFIDENCES:
        confidence = ""
    older_than_text = request.GET.get("older_than", "").strip()
    error = ""
    older_than: int | None = None
    if older_than_text:
        if older_than_text.isdigit() and int(older_than_text) <= 36500:
            older_than = int(older_than_text)
        else:
            error = "Enter a whole number of days (0 to 36500) for “checked more than … days ago”."
    facts = selectors.facts_to_review(
        today=timezone.localdate(), older_than_days=older_than, confidence=confidence or None
    )
    context = {
        **_common("states"),
        "facts": facts[:500],
        "total": len(facts),
        "confidence": confidence,
        "older_than": older_than_text,
        "error": error,
        "names": JURISDICTION_NAMES,
    }
    return render(request, "catalog/fact_review.html", context, status=400 if error else 200)
