"""The dashboard's "next steps": each capability registers a provider of steps for a member.

A provider is a callable (user) -> list[NextStep]. Registering here, not importing every app
from the dashboard view, keeps core free of knowledge about the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NextStep:
    title: str
    detail: str
    url: str
    priority: int = 50  # lower comes first


_providers: list[Callable[[Any], list[NextStep]]] = []


def register(provider: Callable[[Any], list[NextStep]]) -> Callable[[Any], list[NextStep]]:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def next_steps_for(user: Any) -> list[NextStep]:
    steps: list[NextStep] = []
    for provider in _providers:
        steps.extend(provider(user))
    return sorted(steps, key=lambda step: (step.priority, step.title))
