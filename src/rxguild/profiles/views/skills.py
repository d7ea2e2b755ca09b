"""The skills section: search the taxonomy, add, set a level, remove."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rxguild.catalog.models import Skill
from rxguild.core.forms import form_add_service_errors
from rxguild.profiles import access, selectors, services
from rxguild.profiles.forms import SkillsForm
from rxguild.profiles.views.common import post_for_section, section_response


def skill_matches(query: str) -> list[Skill]:
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
@post_for_section("skills")
def skills_save(request: HttpRequest) -> HttpResponse:
    """Add the skills chosen from the search results; the member's other skills stay."""
    profile = selectors.profile_for_owner(request.user)
    form = SkillsForm(request.POST)
    added: list[Skill] = []
    if form.is_valid():
        chosen = list(Skill.objects.filter(pk__in=form.cleaned_data["add"]).order_by("name"))
        try:
            added = services.profile_skills_add(profile=profile, skills=chosen)
        except ValidationError as error:
            form_add_service_errors(form, error)
    return section_response(
        request,
        "skills",
        ok=not form.errors,
        success="Added " + ", ".join(skill.name for skill in added) + ".",
        changed=bool(added),
        skills_form=form,
    )


@login_required
@require_GET
def skills_search(request: HttpRequest) -> HttpResponse:
    """htmx search-as-you-type: the matching skills as a multi-select of search results."""
    query = request.GET.get("q", "").strip()[:60]
    return render(
        request,
        "profiles/_skill_matches.html",
        {"skill_matches": skill_matches(query), "skill_query": query},
    )


@login_required
@require_GET
def skill_options(request: HttpRequest) -> HttpResponse:
    """The skill combobox's options (htmx, as the member types); skills already listed are
    shown but can't be chosen."""
    query = request.GET.get("q", "").strip()[:60]
    profile = selectors.profile_for_owner(request.user)
    return render(
        request,
        "profiles/_skill_options.html",
        {
            "skill_matches": skill_matches(query),
            "listed": set(profile.skills.values_list("skill_id", flat=True)),
        },
    )


@login_required
@post_for_section("skills")
def skill_add(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_for_owner(request.user)
    try:
        skill = Skill.objects.get(pk=int(request.POST.get("skill", "0")))
    except (ValueError, Skill.DoesNotExist):
        raise Http404("No such skill.") from None
    try:
        saved = services.profile_skill_add(profile=profile, skill=skill)
    except ValidationError as error:
        return section_response(request, "skills", ok=False, error=" ".join(error.messages))
    if saved.nothing_changed:
        return section_response(
            request, "skills", ok=True, success=f"{skill.name} is already on your list."
        )
    return section_response(request, "skills", ok=True, success=f"Added {skill.name}.")


@login_required
@post_for_section("skills")
def skill_level(request: HttpRequest, profile_skill_id: int) -> HttpResponse:
    row = access.profile_skill_get_for_owner(request.user, profile_skill_id)
    try:
        level = int(request.POST.get("level", ""))
        saved = services.profile_skill_set_level(profile_skill=row, level=level)
    except (ValueError, ValidationError):
        return section_response(
            request, "skills", ok=False, error=f"Choose a level for {row.skill.name}."
        )
    return section_response(
        request,
        "skills",
        ok=True,
        success=f"Level saved for {row.skill.name}.",
        changed=not saved.nothing_changed,
    )


@login_required
@post_for_section("skills")
def skill_remove(request: HttpRequest, profile_skill_id: int) -> HttpResponse:
    row = access.profile_skill_get_for_owner(request.user, profile_skill_id)
    services.profile_skill_remove(profile_skill=row)
    return section_response(request, "skills", ok=True, success=f"Removed {row.skill.name}.")
