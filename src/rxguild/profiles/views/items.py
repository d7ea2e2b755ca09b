"""Work history, education and credentials: add and delete inline, edit one item."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from rxguild.core.forms import form_add_service_errors
from rxguild.profiles import access, selectors, services
from rxguild.profiles.forms import CredentialHeldForm, EducationForm, WorkExperienceForm
from rxguild.profiles.views.common import NOTHING_CHANGED, post_for_section, section_response

# The item form sits in the page beside the section's add form: its own ids keep labels apart.
ITEM_AUTO_ID = "item_%s"


def _item_create(
    request: HttpRequest,
    *,
    form_class: type[Form],
    add: Callable[..., Any],
    section: str,
    form_key: str,
    success: str,
) -> HttpResponse:
    profile = selectors.profile_for_owner(request.user)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            add(profile=profile, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
    bound: dict[str, Any] = {form_key: form}
    return section_response(request, section, ok=not form.errors, success=success, **bound)


def _item_edit(
    request: HttpRequest,
    *,
    item: Any,
    form_class: type[Form],
    update: Callable[..., services.Saved[Any]],
    item_kwarg: str,
    section: str,
    title: str,
) -> HttpResponse:
    """Change one item. With htmx the form takes the item's place in the list and a save
    swaps the whole section back; without JavaScript it is a small page of its own."""
    htmx = bool(request.htmx)  # type: ignore[attr-defined]  # django-htmx middleware sets it
    if request.method == "POST":
        form = form_class(request.POST, auto_id=ITEM_AUTO_ID)
        if form.is_valid():
            try:
                saved = update(**{item_kwarg: item}, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                if htmx:
                    response = section_response(
                        request,
                        section,
                        ok=True,
                        success="Saved.",
                        changed=not saved.nothing_changed,
                    )
                    # The form replaced one list item: the answer replaces the section.
                    response["HX-Retarget"] = f"#{section}"
                    response["HX-Reswap"] = "outerHTML"
                    return response
                if saved.nothing_changed:
                    messages.info(request, NOTHING_CHANGED)
                else:
                    messages.success(request, "Saved.")
                return redirect(f"{reverse('profiles:edit')}#{section}")
    else:
        initial = {name: getattr(item, name) for name in form_class.base_fields}
        form = form_class(initial=initial, auto_id=ITEM_AUTO_ID)
    context = {"form": form, "title": title, "section": section, "item": item}
    if htmx:
        context["item_url"] = request.path
        return render(request, "profiles/_item_form.html", context)
    return render(request, "profiles/item_edit.html", context)


def _item_delete(
    request: HttpRequest, *, delete: Callable[..., Any], item_kwarg: str, item: Any, section: str
) -> HttpResponse:
    delete(**{item_kwarg: item})
    return section_response(request, section, ok=True, success="Removed.")


@login_required
@post_for_section("work")
def work_add(request: HttpRequest) -> HttpResponse:
    return _item_create(
        request,
        form_class=WorkExperienceForm,
        add=services.work_experience_add,
        section="work",
        form_key="work_form",
        success="Job added.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def work_edit(request: HttpRequest, work_id: int) -> HttpResponse:
    return _item_edit(
        request,
        item=access.work_experience_get_for_owner(request.user, work_id),
        form_class=WorkExperienceForm,
        update=services.work_experience_update,
        item_kwarg="work_experience",
        section="work",
        title="Edit job",
    )


@login_required
@post_for_section("work")
def work_delete(request: HttpRequest, work_id: int) -> HttpResponse:
    return _item_delete(
        request,
        delete=services.work_experience_delete,
        item_kwarg="work_experience",
        item=access.work_experience_get_for_owner(request.user, work_id),
        section="work",
    )


@login_required
@post_for_section("education")
def education_add(request: HttpRequest) -> HttpResponse:
    return _item_create(
        request,
        form_class=EducationForm,
        add=services.education_add,
        section="education",
        form_key="education_form",
        success="Education added.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def education_edit(request: HttpRequest, education_id: int) -> HttpResponse:
    return _item_edit(
        request,
        item=access.education_get_for_owner(request.user, education_id),
        form_class=EducationForm,
        update=services.education_update,
        item_kwarg="education",
        section="education",
        title="Edit education",
    )


@login_required
@post_for_section("education")
def education_delete(request: HttpRequest, education_id: int) -> HttpResponse:
    return _item_delete(
        request,
        delete=services.education_delete,
        item_kwarg="education",
        item=access.education_get_for_owner(request.user, education_id),
        section="education",
    )


@login_required
@post_for_section("credentials")
def credential_add(request: HttpRequest) -> HttpResponse:
    return _item_create(
        request,
        form_class=CredentialHeldForm,
        add=services.credential_held_add,
        section="credentials",
        form_key="credential_form",
        success="Credential added.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def credential_edit(request: HttpRequest, held_id: int) -> HttpResponse:
    return _item_edit(
        request,
        item=access.credential_held_get_for_owner(request.user, held_id),
        form_class=CredentialHeldForm,
        update=services.credential_held_update,
        item_kwarg="credential_held",
        section="credentials",
        title="Edit credential",
    )


@login_required
@post_for_section("credentials")
def credential_delete(request: HttpRequest, held_id: int) -> HttpResponse:
    return _item_delete(
        request,
        delete=services.credential_held_delete,
        item_kwarg="credential_held",
        item=access.credential_held_get_for_owner(request.user, held_id),
        section="credentials",
    )
