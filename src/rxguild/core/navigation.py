"""The main navigation. Each capability adds its entry here when its pages exist."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    namespace: str  # the app namespace that marks the entry as current
    also_current_in: tuple[str, ...] = ()  # apps whose pages sit under this entry


NAV_ENTRIES: list[NavEntry] = [
    NavEntry("Profile", "profiles:edit", "profiles"),
    NavEntry("CE", "ce:dashboard", "ce"),
    NavEntry("Jobs", "jobs:search", "jobs", also_current_in=("tracker",)),
    NavEntry("Resumes", "resumes:list", "resumes"),
    NavEntry("Community", "community:home", "community"),
    NavEntry("Mentoring", "mentoring:home", "mentoring"),
    NavEntry("Growth", "growth:home", "growth"),
    NavEntry("Roadmap", "roadmap:home", "roadmap"),
    NavEntry("Experience", "experience:home", "experience"),
]


def nav_items_for(current_namespace: str | None) -> list[dict[str, object]]:
    items = []
    for entry in NAV_ENTRIES:
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue  # that capability has no pages yet
        items.append(
            {
                "label": entry.label,
                "url": url,
                "current": current_namespace in (entry.namespace, *entry.also_current_in),
            }
        )
    return items
