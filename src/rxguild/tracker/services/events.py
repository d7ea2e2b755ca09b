"""The timeline entries of a tracked application, written by the member's and the employer's
operations alike (`shared` entries are the ones the employer sees)."""

from __future__ import annotations

from rxguild.tracker.models import ApplicationEvent, TrackedApplication


def application_event_record(
    application: TrackedApplication, kind: str, summary: str, *, shared: bool
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application, kind=kind, summary=summary[:300], shared=shared
    )
