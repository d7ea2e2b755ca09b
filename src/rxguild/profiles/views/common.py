"""What every profile page shares: the edit page's context and the answer to a section's
form (htmx: the section again; plain post: redirect back, or the page with the errors)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from rxguild.profiles import access, selectors, services
from rxguild.profiles.forms import (
    SECTION_LABELS,
    CredentialHeldForm,
    EducationForm,
    HandleForm,
    JsonResumeImportForm,
    OpenToForm,
    PhotoForm,
    ProfileBasicsForm,
    RenewalDetailsForm,
    SkillsForm,
    WorkExperienceForm,
)
from rxguild.profiles.models import Audience, Profile, ProfileSkill

NOTHING_CHANGED = "Nothing changed."
# Sections shown read-only until the member chooses Edit (one section at a time).
EDITABLE_SECTIONS = ("basics", "handle", "open_to", "photo", "renewal")
# Lists whose add form is fetched on demand ("Add a job"): rendering every form's selects
# (all credentials, all states) on each visit was most of the page's cost.
ITEM_SECTIONS = ("work", "education", "credentials")
SECTIONS = (*EDITABLE_SECTIONS, *ITEM_SECTIONS, "skills")
OPENABLE_SECTIONS = (*EDITABLE_SECTIONS, *ITEM_SECTIONS)


def edit_context(request: HttpRequest, profile: Profile, **bound: Form) -> dict[str, Any]:
    view = selectors.profile_view_build(profile, access.ViewerKind.OWNER)
    open_to_initial = {signal.kind: signal.audience for signal in profile.open_to.all()}
    context: dict[str, Any] = {
        "skill_levels": ProfileSkill.Level.choices,
        "editing": "",
        "section_audiences": [
            (label, Audience(getattr(profile, f"{section}_audience")).label)
            for section, label in SECTION_LABELS.items()
        ],
        "profile": profile,
        "view": view,
        "public_url": request.build_absolute_uri(view.public_url),
        "handle_suggestion": services.handle_suggestion(profile),
        "completeness": selectors.profile_completeness(profile),
        "basics_form": ProfileBasicsForm(initial=ProfileBasicsForm.initial_for(profile)),
        "handle_form": HandleForm(initial={"handle": profile.handle}),
        "open_to_form": OpenToForm(initial=open_to_initial),
        "renewal_form": RenewalDetailsForm(initial=RenewalDetailsForm.initial_for(profile)),
        "renewal_summary": RenewalDetailsForm.summary_for(profile),
        "work_form": WorkExperienceForm(),
        "education_form": EducationForm(),
        "credential_form": CredentialHeldForm(),
        "skills_form": SkillsForm(),
        "photo_form": PhotoForm(),
        "import_form": JsonResumeImportForm(),
    }
    context.update(bound)
    return context


def section_response(
    request: HttpRequest,
    section: str,
    *,
    ok: bool,
    success: str = "",
    error: str = "",
    changed: bool = True,
    **bound: Form,
) -> HttpResponse:
    """htmx: the section again. Plain post: back to the page, or the page with the errors.

    `changed=False` turns the success message into "Nothing changed.": a page never says
    "saved" when nothing was.
    """
    if ok and not changed:
        success = NOTHING_CHANGED
    profile = selectors.profile_full_for_owner(request.user)
    if request.htmx:  # type: ignore[attr-defined]  # django-htmx middleware sets it
        context = edit_context(request, profile, **bound)
        context["section_message"] = success if ok else ""
        context["section_error"] = error
        section_html = render_to_string(f"profiles/sections/_{section}.html", context, request)
        # The meter sits outside the section: refresh it out of band in the same response.
        meter_html = render_to_string(
            "profiles/_completeness.html", {**context, "oob": True}, request
        )
        return HttpResponse(section_html + meter_html)
    if ok:
        if success == NOTHING_CHANGED:
            messages.info(request, success)
        elif success:
            messages.success(request, success)
        return redirect(f"{reverse('profiles:edit')}#{section}")
    if error:
        messages.error(request, error)
        return redirect(f"{reverse('profiles:edit')}#{section}")
    return render(request, "profiles/edit.html", edit_context(request, profile, **bound))


SectionView = Callable[..., HttpResponse]


def post_for_section(section: str) -> Callable[[SectionView], SectionView]:
    """Only POST changes anything; a GET of a section's form address (a bookmarked or
    refreshed URL after a plain post showed errors there) goes back to that section
    instead of a bare 405 page."""

    def decorator(view: SectionView) -> SectionView:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in ("GET", "HEAD"):
                return redirect(f"{reverse('profiles:edit')}#{section}")
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
