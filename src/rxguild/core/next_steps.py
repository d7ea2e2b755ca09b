"""The dashboard's "next steps": each capability registers a provider of steps for a member.

A provider is a callable (member) -> list[NextStep]. Registering here, not importing every app
from the dashboard view, keeps core free of knowledge about the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rxguild.accounts.models import User


@dataclass(frozen=True)
class NextStep:
    title: str
    detail: str
    url: str
    priority: int = 50  # lower comes first


_providers: list[Callable[[User], list[NextStep]]] = []


def register(provider: Callable[[User], list[NextStep]]) -> Callable[[User], list[NextStep]]:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def next_steps_for(user: User) -> list[NextStep]:
    steps: list[NextStep] = []
    for provider in _providers:
        steps.extend(provider(user))
    return sorted(steps, key=lambda step: (step.priority, step.title))
