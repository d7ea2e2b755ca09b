"""Demo community: state groups and specialty circles with discussions (one answered
question, a pinned welcome), an upcoming webinar, and connections for the demo member.

Idempotent: groups by slug, posts by (group, title), the event by a fixed UID, connections
by pair. Rows are written directly rather than through the services, on purpose: the
services' new-member rate limits are for people, not for a seeder. No ACPE number is
invented for the demo event, so it awards no CE."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.catalog.models import Specialization
from rxguild.community.models import (
    Connection,
    Event,
    Group,
    Membership,
    Message,
    Post,
    Rsvp,
)
from rxguild.core.demo import DemoContext

GROUPS = [
    # slug, name, kind, state, specialization code, visibility, description
    ("texas-pharmacy-technicians", "Texas Pharmacy Technicians", "state", "TX", "",
     "public", "Registration renewals, board rules and jobs across Texas."),
    ("california-technicians", "California Technicians Network", "state", "CA", "",
     "public", "For technicians licensed by the California State Board of Pharmacy."),
    ("florida-technicians", "Florida Technicians", "state", "FL", "",
     "members", "Members-only: Florida registration questions and local meetups."),
    ("sterile-compounding-circle", "Sterile Compounding Circle", "specialty", "",
     "sterile-compounding", "public", "USP <797>, cleanroom practice and CSPT preparation."),
    ("informatics-circle", "Pharmacy Informatics Circle", "specialty", "", "informatics",
     "public", "Automation, EHR build and data for technicians moving into informatics."),
    ("tech-check-tech-cohort", "Tech-Check-Tech Pilot Cohort", "cohort", "", "tech-check-tech",
     "invite", "Invite-only: the current training cohort."),
]  # fmt: skip


def _topic(group: Group, author: Any, title: str, body: str, **extra: Any) -> Post:
    post, _ = Post.objects.get_or_create(
        group=group, title=title, parent=None, defaults={"author": author, "body": body, **extra}
    )
    return post


def _reply(topic: Post, author: User, body: str) -> Post:
    reply, _ = Post.objects.get_or_create(
        parent=topic, author=author, body=body, defaults={"group": topic.group, "kind": "reply"}
    )
    return reply


def seed(context: DemoContext) -> None:
    member = context.objects["member"]
    staff = context.objects["staff"]
    peers = list(context.objects.get("demo_peers", []))
    if len(peers) < 6:
        return  # the profiles seeder makes the peers; nothing to build a community with
    with transaction.atomic():
        groups: dict[str, Group] = {}
        for slug, name, kind, state, spec, visibility, description in GROUPS:
            group, _ = Group.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "kind": kind,
                    "state": state,
                    "specialization": Specialization.objects.filter(code=spec).first()
                    if spec
                    else None,
                    "visibility": visibility,
                    "description": description,
                    "created_by": staff,
                },
            )
            Membership.objects.get_or_create(
                group=group, user=staff, defaults={"role": Membership.Role.OWNER}
            )
            groups[slug] = group
        texas, sterile = groups["texas-pharmacy-technicians"], groups["sterile-compounding-circle"]
        for group in (texas, sterile, groups["informatics-circle"]):
            Membership.objects.get_or_create(group=group, user=member)
        for index, peer in enumerate(peers):
            slug = list(groups)[index % 5]
            Membership.objects.get_or_create(group=groups[slug], user=peer)
            Membership.objects.get_or_create(group=sterile, user=peer)
        Membership.objects.get_or_create(
            group=groups["tech-check-tech-cohort"],
            user=member,
            defaults={"status": Membership.Status.INVITED, "invited_by": staff},
        )

        _topic(
            texas, staff, "Welcome to Texas Pharmacy Technicians",
            "Introduce yourself: where you work and what you're working toward. "
            "Please keep patient information out of posts.",
            is_pinned=True,
        )  # fmt: skip
        question = _topic(
            texas, peers[2], "Do I need a Texas law course every renewal?",
            "My registration renews in the spring. Does the law hour have to be Texas-specific?",
            kind=Post.Kind.QUESTION,
        )  # fmt: skip
        answer = _reply(
            question, peers[1],
            "It has to cover Texas pharmacy law and rules; general federal law doesn't count. "
            "Check the current rule on the board's site before you renew.",
        )  # fmt: skip
        _reply(question, member, "Thanks, this tripped me up last cycle too.")
        if question.accepted_answer_id is None:
            question.accepted_answer = answer
            question.save(update_fields=["accepted_answer"])
        cleanroom = _topic(
            sterile, peers[0], "Garbing order that finally stuck for our new hires",
            "We laminated the sequence at the ante-room door: shoe covers, hair cover, mask, "
            "hand hygiene, gown, then sterile gloves in the buffer room. What works for you?",
        )  # fmt: skip
        _reply(cleanroom, peers[3], "We do a mirror check after gowning. Fewer glove-tip failures.")
        _topic(
            groups["informatics-circle"], peers[4], "From tech to informatics analyst: my path",
            "I started with ADC maintenance and volunteered for our EHR upgrade. Ask me anything.",
            kind=Post.Kind.ARTICLE,
        )  # fmt: skip

        start = (timezone.now() + timedelta(days=14)).replace(
            hour=23, minute=0, second=0, microsecond=0
        )
        event, _ = Event.objects.update_or_create(
            uid="demo-usp797-refresher",
            defaults={
                "group": sterile,
                "organizer": staff,
                "title": "USP <797> refresher (webinar)",
                "description": "A one-hour refresher on garbing, cleaning and beyond-use dates.",
                "starts_at": start,
                "ends_at": start + timedelta(hours=1),
                "time_zone": "America/Chicago",
                "format": Event.Format.ONLINE,
                "online_url": "https://meet.example.org/rxguild-usp797",
                "capacity": 40,
                "visibility": Event.Visibility.PUBLIC,
            },
        )
        for user in [member, *peers[:5]]:
            Rsvp.objects.get_or_create(event=event, user=user, defaults={"status": "going"})

        for peer in peers[:3]:
            Connection.objects.get_or_create(
                from_user=member, to_user=peer, defaults={"status": Connection.Status.ACCEPTED}
            )
        Connection.objects.get_or_create(
            from_user=peers[5], to_user=member, defaults={"status": Connection.Status.PENDING}
        )
        if not Message.objects.filter(sender=peers[0], recipient=member).exists():
            Message.objects.create(
                sender=peers[0],
                recipient=member,
                body="Great to connect! Are you going to the USP <797> refresher?",
            )
    context.summary.append(
        f"Community: {len(GROUPS)} groups with discussions, an upcoming webinar, "
        "3 connections and a pending request for the demo member"
    )
