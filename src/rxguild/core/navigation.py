"""The main navigation. Each capability adds its entry here when its pages exist.

base.html shows the entries as one bar on a wide screen and folds them into a "Menu"
disclosure (a <details>, so it works without script and is announced as a button with its
expanded state) on a phone."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    namespace: str  # the app namespace that marks the entry as current
    also_current_in: tuple[str, ...] = ()  # apps whose pages sit under this entry
    # Within its namespace, only these URL names mark the entry as current (core's
    # namespace holds both the landing page and the dashboard). Empty: every page of it.
    current_url_names: tuple[str, ...] = ()


NAV_ENTRIES: list[NavEntry] = [
    NavEntry("Dashboard", "core:dashboard", "core", current_url_names=("dashboard",)),
    NavEntry("Profile", "profiles:edit", "profiles", also_current_in=("wallet",)),
    NavEntry("CE", "ce:dashboard", "ce"),
    NavEntry("Jobs", "jobs:search", "jobs", also_current_in=("tracker",)),
    NavEntry("Resumes", "resumes:list", "resumes"),
    NavEntry("Community", "community:home", "community"),
    NavEntry("Mentoring", "mentoring:home", "mentoring"),
    NavEntry("Growth", "growth:home", "growth"),
    NavEntry("Roadmap", "roadmap:home", "roadmap"),
    NavEntry("Experience", "experience:home", "experience"),
]


def _is_current(entry: NavEntry, namespace: str | None, url_name: str | None) -> bool:
    if namespace not in (entry.namespace, *entry.also_current_in):
        return False
    return not entry.current_url_names or url_name in entry.current_url_names


def nav_items_for(
    current_namespace: str | None, current_url_name: str | None = None
) -> list[dict[str, object]]:
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
                "current": _is_current(entry, current_namespace, current_url_name),
            }
        )
    return items
