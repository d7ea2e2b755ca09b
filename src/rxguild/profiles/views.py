"""Profile pages. Thin: parse with a form, act through services, read through selectors.

Each section form posts to its own URL. With htmx (HX-Request) the response is the
re-rendered section; without JavaScript it is a redirect back (or the page with errors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rxguild.catalog.models import Skill
from rxguild.core.forms import form_add_service_errors
from rxguild.core.jsonsafe import JsonInputError, json_loads
from rxguild.experience.selectors import verified_experience_for_profile
from rxguild.growth.access import recommendations_for_profile
from rxguild.profiles import access, selectors, services
from rxguild.profiles.forms import (
    CredentialHeldForm,
    EducationForm,
    JsonResumeImportForm,
    OpenToForm,
    PhotoForm,
    ProfileBasicsForm,
    RenewalDetailsForm,
    SkillsForm,
    WorkExperienceForm,
)
from rxguild.profiles.jsonresume import profile_to_json_resume
from rxguild.profiles.models import Profile, ProfileSkill

MAX_RESUME_BYTES = 1024 * 1024


def _edit_context(request: HttpRequest, profile: Profile, **bound: Form) -> dict[str, Any]:
    view = selectors.profile_view_build(profile, access.ViewerKind.OWNER)
    open_to_initial = {signal.kind: signal.audience for signal in profile.open_to.all()}
    context: dict[str, Any] = {
        "skill_levels": ProfileSkill.Level.choices,
        "profile": profile,
        "view": view,
        "public_url": request.build_absolute_uri(view.public_url),
        "completeness": selectors.profile_completeness(profile),
        "basics_form": ProfileBasicsForm(initial=ProfileBasicsForm.initial_for(profile)),
        "open_to_form": OpenToForm(initial=open_to_initial),
        "renewal_form": RenewalDetailsForm(initial=RenewalDetailsForm.initial_for(profile)),
        "work_form": WorkExperienceForm(),
        "education_form": EducationForm(),
        "credential_form": CredentialHeldForm(),
        "skills_form": SkillsForm(),
        "photo_form": PhotoForm(),
        "import_form": JsonResumeImportForm(),
    }
    context.update(bound)
    return context


def _respond(
    request: HttpRequest,
    section: str,
    *,
    ok: bool,
    success: str = "",
    error: str = "",
    **bound: Form,
) -> HttpResponse:
    """htmx: the section again. Plain post: back to the page, or the page with the errors."""
    profile = selectors.profile_full_for_owner(request.user)
    if request.htmx:  # type: ignore[attr-defined]  # django-htmx middleware sets it
        context = _edit_context(request, profile, **bound)
        context["section_message"] = success if ok else ""
        context["section_error"] = error
        section_html = render_to_string(f"profiles/sections/_{section}.html", context, request)
        # The meter sits outside the section: refresh it out of band in the same response.
        meter_html = render_to_string(
            "profiles/_completeness.html", {**context, "oob": True}, request
        )
        return HttpResponse(section_html + meter_html)
    if ok:
        if success:
            messages.success(request, success)
        return redirect(f"{reverse('profiles:edit')}#{section}")
    if error:
        messages.error(request, error)
        return redirect(f"{reverse('profiles:edit')}#{section}")
    return render(request, "profiles/edit.html", _edit_context(request, profile, **bound))


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    """The edit page; POST saves the basics form (name, location, visibility)."""
    if request.method == "GET":
        profile = selectors.profile_full_for_owner(request.user)
        context = _edit_context(request, profile)
        # Without JavaScript the skill search is a plain GET of this page with ?q=.
        query = request.GET.get("q", "").strip()[:60]
        context.update(skill_query=query, skill_matches=_skill_matches(query))
        return render(request, "profiles/edit.html", context)
    profile = selectors.profile_for_owner(request.user)
    form = ProfileBasicsForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        practice_settings = data.pop("practice_settings")
        try:
            services.profile_update(
                profile=profile, changes=data, practice_settings=practice_settings
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
    return _respond(
        request, "basics", ok=not form.errors, success="Profile saved.", basics_form=form
    )


@login_required
@require_POST
def open_to_save(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_for_owner(request.user)
    form = OpenToForm(request.POST)
    if form.is_valid():
        try:
            services.open_to_set(profile=profile, signals=form.signals())
        except ValidationError as error:
            form_add_service_errors(form, error)
    return _respond(
        request, "open_to", ok=not form.errors, success="Signals saved.", open_to_form=form
    )


@login_required
@require_POST
def renewal_details_save(request: HttpRequest) -> HttpResponse:
    """Birth month/day and CE situations (private; used only to work out renewal rules)."""
    profile = selectors.profile_for_owner(request.user)
    form = RenewalDetailsForm(request.POST)
    if form.is_valid():
        try:
            services.profile_renewal_details_set(
                profile=profile,
                birth_month=form.cleaned_data["birth_month"],
                birth_day=form.cleaned_data["birth_day"],
                ce_conditions=form.cleaned_data["ce_conditions"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
    return _respond(
        request, "renewal", ok=not form.errors, success="Renewal details saved.", renewal_form=form
    )


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
    return _respond(request, section, ok=not form.errors, success=success, **bound)


def _item_edit(
    request: HttpRequest,
    *,
    item: Any,
    form_class: type[Form],
    update: Callable[..., Any],
    item_kwarg: str,
    section: str,
    title: str,
) -> HttpResponse:
    """A small page to change one item (the list shows add and delete inline)."""
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                update(**{item_kwarg: item}, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Saved.")
                return redirect(f"{reverse('profiles:edit')}#{section}")
    else:
        form = form_class(initial={name: getattr(item, name) for name in form_class.base_fields})
    return render(
        request,
        "profiles/item_edit.html",
        {"form": form, "title": title, "section": section, "item": item},
    )


def _item_delete(
    request: HttpRequest, *, delete: Callable[..., Any], item_kwarg: str, item: Any, section: str
) -> HttpResponse:
    delete(**{item_kwarg: item})
    return _respond(request, section, ok=True, success="Removed.")


@login_required
@require_POST
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
@require_POST
def work_delete(request: HttpRequest, work_id: int) -> HttpResponse:
    return _item_delete(
        request,
        delete=services.work_experience_delete,
        item_kwarg="work_experience",
        item=access.work_experience_get_for_owner(request.user, work_id),
        section="work",
    )


@login_required
@require_POST
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
@require_POST
def education_delete(request: HttpRequest, education_id: int) -> HttpResponse:
    return _item_delete(
        request,
        delete=services.education_delete,
        item_kwarg="education",
        item=access.education_get_for_owner(request.user, education_id),
        section="education",
    )


@login_required
@require_POST
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
@require_POST
def credential_delete(request: HttpRequest, held_id: int) -> HttpResponse:
    return _item_delete(
        request,
        delete=services.credential_held_delete,
        item_kwarg="credential_held",
        item=access.credential_held_get_for_owner(request.user, held_id),
        section="credentials",
    )


@login_required
@require_POST
def skills_save(request: HttpRequest) -> HttpResponse:
    """Add the skills chosen from the search results; the member's other skills stay."""
    profile = selectors.profile_for_owner(request.user)
    form = SkillsForm(request.POST)
    if form.is_valid():
        levels = {row.skill: row.level for row in profile.skills.select_related("skill")}
        for skill in Skill.objects.filter(pk__in=form.cleaned_data["add"]):
            levels.setdefault(skill, ProfileSkill.Level.WORKING)
        try:
            services.profile_skills_set(profile=profile, skill_levels=levels)
        except ValidationError as error:
            form_add_service_errors(form, error)
    return _respond(
        request, "skills", ok=not form.errors, success="Skills saved.", skills_form=form
    )


def _skill_matches(query: str) -> list[Skill]:
    """Skills whose name or a synonym contains the query (the taxonomy is a few hundred rows)."""
    if len(query) < 2:
        return []
    lowered = query.lower()
    return [
        skill
        for skill in Skill.objects.order_by("name").only("pk", "name", "synonyms")
        if lowered in skill.name.lower()
        or any(lowered in str(synonym).lower() for synonym in skill.synonyms or [])
    ][:25]


@login_required
@require_GET
def skills_search(request: HttpRequest) -> HttpResponse:
    """htmx search-as-you-type: the matching skills as a multi-select of search results."""
    query = request.GET.get("q", "").strip()[:60]
    return render(
        request,
        "profiles/_skill_matches.html",
        {"skill_matches": _skill_matches(query), "skill_query": query},
    )


@login_required
@require_POST
def skill_add(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_for_owner(request.user)
    try:
        skill = Skill.objects.get(pk=int(request.POST.get("skill", "0")))
    except (ValueError, Skill.DoesNotExist):
        raise Http404("No such skill.") from None
    try:
        services.profile_skill_add(profile=profile, skill=skill)
    except ValidationError as error:
        return _respond(request, "skills", ok=False, error=" ".join(error.messages))
    return _respond(request, "skills", ok=True, success=f"Added {skill.name}.")


@login_required
@require_POST
def skill_level(request: HttpRequest, profile_skill_id: int) -> HttpResponse:
    row = access.profile_skill_get_for_owner(request.user, profile_skill_id)
    try:
        level = int(request.POST.get("level", ""))
        services.profile_skill_set_level(profile_skill=row, level=level)
    except (ValueError, ValidationError):
        return _respond(request, "skills", ok=False, error=f"Choose a level for {row.skill.name}.")
    return _respond(request, "skills", ok=True, success=f"Level saved for {row.skill.name}.")


@login_required
@require_POST
def skill_remove(request: HttpRequest, profile_skill_id: int) -> HttpResponse:
    row = access.profile_skill_get_for_owner(request.user, profile_skill_id)
    services.profile_skill_remove(profile_skill=row)
    return _respond(request, "skills", ok=True, success=f"Removed {row.skill.name}.")


@login_required
@require_POST
def photo_upload(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_for_owner(request.user)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["photo"]
        try:
            services.profile_photo_set(profile=profile, upload=upload, filename=upload.name)
        except ValidationError as error:
            form_add_service_errors(form, error)
    return _respond(request, "photo", ok=not form.errors, success="Photo saved.", photo_form=form)


@login_required
@require_POST
def photo_remove(request: HttpRequest) -> HttpResponse:
    services.profile_photo_clear(profile=selectors.profile_for_owner(request.user))
    return _respond(request, "photo", ok=True, success="Photo removed.")


@login_required
@require_GET
def export_json_resume(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_full_for_owner(request.user)
    public_url = request.build_absolute_uri(
        reverse("profiles_public:detail", args=[profile.handle])
    )
    response = JsonResponse(
        profile_to_json_resume(profile, public_url=public_url), json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="rxguild-resume.json"'
    return response


@login_required
@require_POST
def import_json_resume(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_for_owner(request.user)
    form = JsonResumeImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["resume_file"]
        raw = upload.read(MAX_RESUME_BYTES + 1)
        if len(raw) > MAX_RESUME_BYTES:
            form.add_error("resume_file", "That file is too large: the limit is 1 MB.")
        else:
            try:
                document = json_loads(raw)
            except JsonInputError as error:
                form.add_error("resume_file", f"That file is not valid JSON: {error}")
            else:
                try:
                    report = services.profile_import_json_resume(profile=profile, document=document)
                except ValidationError as error:
                    problems = [
                        f"{where}: {message}"
                        for where, field_messages in error.message_dict.items()
                        for message in field_messages
                    ]
                    form.add_error("resume_file", ["Nothing was imported.", *problems])
                else:
                    for line in report.messages:
                        messages.warning(request, line)
                    messages.success(request, "Imported your JSON Resume.")
                    return redirect(reverse("profiles:edit"))
    profile = selectors.profile_full_for_owner(request.user)
    return render(request, "profiles/edit.html", _edit_context(request, profile, import_form=form))


@require_GET
def public_profile(request: HttpRequest, handle: str) -> HttpResponse:
    view = selectors.profile_get_for_viewer(request.user, handle)
    # Verified experience is the experience app's; it shows only what this view allows.
    response = render(
        request,
        "profiles/public.html",
        {
            "view": view,
            "verified_experience": verified_experience_for_profile(view),
            # Approved recommendations are growth's; it applies blocks on top of this view.
            "recommendations": recommendations_for_profile(request.user, view.profile.user),
        },
    )
    if not view.is_public:
        # Member-only views must not end up in search engines.
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def profile_photo(request: HttpRequest, handle: str) -> FileResponse:
    """Photos are never in a served folder: this view checks the photo's audience."""
    view = selectors.profile_get_for_viewer(request.user, handle)
    if view.photo_url is None:
        raise Http404("No photo.")
    photo = view.profile.photo
    response = FileResponse(photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    return response
