"""The edit page and its one-form sections: basics and visibility, public address (handle),
open-to signals, photo."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from rxguild.core.forms import form_add_service_errors
from rxguild.profiles import selectors, services
from rxguild.profiles.forms import HandleForm, OpenToForm, PhotoForm, ProfileBasicsForm
from rxguild.profiles.views.common import (
    OPENABLE_SECTIONS,
    SECTIONS,
    edit_context,
    post_for_section,
    section_response,
)
from rxguild.profiles.views.skills import skill_matches


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    """The edit page; POST saves the basics form (name, location, visibility)."""
    if request.method == "GET":
        profile = selectors.profile_full_for_owner(request.user)
        context = edit_context(request, profile)
        # Without JavaScript, Edit is a link to this page with ?edit=<section>.
        if request.GET.get("edit") in OPENABLE_SECTIONS:
            context["editing"] = request.GET["edit"]
        # Without JavaScript the skill search is a plain GET of this page with ?q=.
        query = request.GET.get("q", "").strip()[:60]
        context.update(skill_query=query, skill_matches=skill_matches(query))
        return render(request, "profiles/edit.html", context)
    profile = selectors.profile_for_owner(request.user)
    form = ProfileBasicsForm(request.POST)
    changed = False
    if form.is_valid():
        data = dict(form.cleaned_data)
        practice_settings = data.pop("practice_settings")
        try:
            saved = services.profile_update(
                profile=profile, changes=data, practice_settings=practice_settings
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            changed = not saved.nothing_changed
    return section_response(
        request,
        "basics",
        ok=not form.errors,
        success="Profile saved.",
        changed=changed,
        basics_form=form,
    )


@login_required
@require_GET
def section(request: HttpRequest, section: str) -> HttpResponse:
    """One section alone, read-only or (``?edit=1``) as its form: what Edit and Cancel fetch
    with htmx. Without htmx it is the edit page with that section open."""
    if section not in SECTIONS:
        raise Http404("No such section.")
    editing = request.GET.get("edit") == "1" and section in OPENABLE_SECTIONS
    if not request.htmx:  # type: ignore[attr-defined]  # django-htmx middleware sets it
        query = f"?edit={section}" if editing else ""
        return redirect(f"{reverse('profiles:edit')}{query}#{section}")
    profile = selectors.profile_full_for_owner(request.user)
    context = edit_context(request, profile)
    context["editing"] = section if editing else ""
    return render(request, f"profiles/sections/_{section}.html", context)


@login_required
@post_for_section("handle")
def handle_save(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_for_owner(request.user)
    form = HandleForm(request.POST)
    changed = False
    if form.is_valid():
        try:
            saved = services.profile_handle_set(profile=profile, handle=form.cleaned_data["handle"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            changed = not saved.nothing_changed
    return section_response(
        request,
        "handle",
        ok=not form.errors,
        success=f"Your public address is now /p/{profile.handle}/. Old links still work.",
        changed=changed,
        handle_form=form,
    )


@login_required
@post_for_section("open_to")
def open_to_save(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_for_owner(request.user)
    form = OpenToForm(request.POST)
    changed = False
    if form.is_valid():
        try:
            saved = services.open_to_set(profile=profile, signals=form.signals())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            changed = not saved.nothing_changed
    return section_response(
        request,
        "open_to",
        ok=not form.errors,
        success="Signals saved.",
        changed=changed,
        open_to_form=form,
    )


@login_required
@post_for_section("photo")
def photo_upload(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_for_owner(request.user)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["photo"]
        try:
            services.profile_photo_set(profile=profile, upload=upload, filename=upload.name)
        except ValidationError as error:
            form_add_service_errors(form, error)
    return section_response(
        request, "photo", ok=not form.errors, success="Photo saved.", photo_form=form
    )


@login_required
@post_for_section("photo")
def photo_remove(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_for_owner(request.user)
    had_photo = bool(profile.photo)
    services.profile_photo_clear(profile=profile)
    return section_response(request, "photo", ok=True, success="Photo removed.", changed=had_photo)
