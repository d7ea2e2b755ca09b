"""Demo profiles from ``data/profiles/demo.toml``: a rich Texas profile for the demo member and
20 members across the researched states (for the directory and mentoring). Idempotent: keyed
by email, and each run replaces the demo members' profile facts with the same ones."""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from rxguild.accounts.models import Role, RoleGrant, User
from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.core.demo import DEMO_PASSWORD, DemoContext
from rxguild.profiles import services
from rxguild.profiles.demo_data import DemoMember, DemoPeer, demo_profiles, months_from
from rxguild.profiles.models import (
    Audience,
    CredentialHeld,
    Education,
    OpenTo,
    Profile,
    WorkExperience,
)


def _require_catalog() -> None:
    if not Credential.objects.filter(code="ptcb-cpht").exists() or not Skill.objects.exists():
        raise CommandError(
            "The catalog is not loaded: run `manage.py load_catalog` first, then seed_demo."
        )


def _setting(word: str) -> PracticeSetting | None:
    return PracticeSetting.objects.filter(name__icontains=word).order_by("code").first()


def _credential(code: str) -> Credential | None:
    return Credential.objects.filter(code=code).first()


def _skills(codes: list[str] | tuple[str, ...]) -> dict[Skill, int]:
    found = {skill.code: skill for skill in Skill.objects.filter(code__in=codes)}
    return {found[code]: 3 for code in codes if code in found}


def _reset_facts(profile: Profile) -> None:
    # Seeding replaces these facts each run, so they never pile up.
    WorkExperience.objects.filter(profile=profile).delete()
    Education.objects.filter(profile=profile).delete()
    CredentialHeld.objects.filter(profile=profile).delete()


def _seed_demo_member(member: User, data: DemoMember) -> Profile:
    today = timezone.localdate()
    profile = services.profile_get_or_create_for_user(user=member)
    settings = [_setting(word) for word in data.practice_setting_words]
    services.profile_update(
        profile=profile,
        changes={
            "display_name": data.display_name,
            "headline": data.headline,
            "brand_statement": data.brand_statement,
            "zip_code": data.zip_code,
            "state": data.state,
            "years_experience": data.years_experience,
            "is_public": True,
            "location_audience": Audience.PUBLIC,
            "photo_audience": Audience.MEMBERS,
            "work_audience": Audience.PUBLIC,
            "education_audience": Audience.PUBLIC,
            "credentials_audience": Audience.PUBLIC,
            "skills_audience": Audience.PUBLIC,
        },
        practice_settings=[setting for setting in settings if setting],
    )
    _reset_facts(profile)
    for job in data.work:
        services.work_experience_add(
            profile=profile,
            employer=job.employer,
            title=job.title,
            practice_setting=_setting(job.setting_word),
            city=job.city,
            state=job.state,
            start_date=job.start.on(today),
            end_date=job.end.on(today) if job.end else None,
            summary=job.summary,
        )
    for entry in data.education:
        services.education_add(
            profile=profile,
            institution=entry.institution,
            program=entry.program,
            kind=entry.kind,
            accreditation=entry.accreditation,
            externship_hours=entry.externship_hours,
            start_date=entry.start.on(today),
            end_date=entry.end.on(today) if entry.end else None,
        )
    for held in data.credentials:
        credential = _credential(held.code)
        if credential is None:
            continue
        expires = months_from(today, held.expires_in_months)
        if held.issued is not None:
            issued = held.issued.on(today)
        else:
            issued = months_from(expires, -(held.issued_months_before_expiry or 0))
        services.credential_held_add(
            profile=profile,
            credential=credential,
            number=held.number,
            state=held.state,
            issued_on=issued,
            expires_on=expires,
        )
    services.profile_skills_set(profile=profile, skill_levels=_skills(data.skills))
    services.open_to_set(
        profile=profile,
        signals={
            OpenTo.Kind.MENTORING: Audience.MEMBERS,
            OpenTo.Kind.INFO_INTERVIEWS: Audience.MEMBERS,
            OpenTo.Kind.JOBS: Audience.RECRUITERS,
        },
    )
    return profile


def _peer_user(peer: DemoPeer) -> User:
    email = f"{peer.first.lower()}.{peer.last.lower()}@demo.rxguild.local"
    user, created = User.objects.get_or_create(
        email=email, defaults={"username": email, "first_name": peer.first, "last_name": peer.last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    RoleGrant.objects.get_or_create(user=user, role=Role.MEMBER)
    if peer.mentoring:
        RoleGrant.objects.get_or_create(user=user, role=Role.MENTOR)
    return user


def _seed_peer(peer: DemoPeer, index: int) -> Profile:
    today = timezone.localdate()
    user = _peer_user(peer)
    profile = services.profile_get_or_create_for_user(user=user)
    setting = _setting(peer.setting_word)
    services.profile_update(
        profile=profile,
        changes={
            "display_name": f"{peer.first} {peer.last}",
            "headline": peer.headline,
            "zip_code": peer.zip_code,
            "state": peer.state,
            "years_experience": peer.years,
            "is_public": index % 3 != 0,  # a third stay members-only
            "work_audience": Audience.PUBLIC,
            "skills_audience": Audience.PUBLIC,
            "credentials_audience": Audience.MEMBERS,
        },
        practice_settings=[setting] if setting else [],
    )
    _reset_facts(profile)
    if peer.years:
        services.work_experience_add(
            profile=profile,
            employer=f"{peer.last} Family Pharmacy"
            if peer.setting_word == "retail"
            else f"{peer.state} Health",
            title=peer.headline[:160],
            practice_setting=setting,
            state=peer.state,
            start_date=dt.date(today.year - peer.years, 1 + index % 12, 1),
        )
    held = [("ptcb-cpht", "")] if peer.years >= 2 else []
    if _credential(f"state-{peer.state.lower()}-technician"):
        held.append((f"state-{peer.state.lower()}-technician", peer.state))
    for code, state in held:
        credential = _credential(code)
        if credential is not None:
            services.credential_held_add(profile=profile, credential=credential, state=state)
    services.profile_skills_set(profile=profile, skill_levels=_skills(peer.skills))
    signals: dict[str, str] = {OpenTo.Kind.JOBS: Audience.RECRUITERS} if index % 2 else {}
    if peer.mentoring:
        signals[OpenTo.Kind.MENTORING] = Audience.MEMBERS
    services.open_to_set(profile=profile, signals=signals)
    return profile


def seed(context: DemoContext) -> None:
    _require_catalog()
    with transaction.atomic():
        member = context.objects["member"]
        data = demo_profiles()
        profile = _seed_demo_member(member, data.member)
        peers = [_seed_peer(peer, index) for index, peer in enumerate(data.peers)]
    context.objects["member_profile"] = profile
    context.objects["demo_peers"] = [p.user for p in peers]
    context.summary.append(
        f"Profiles: demo member public page at /p/{profile.handle}/ and {len(peers)} other members"
    )
