"""Demo members at scale (`manage.py scale_demo`): members ``member-00001@scale.rxguild.local``…
bulk-inserted until the instance has the number asked for, for load tests and benchmarks.

Variety comes from the demo's own data: names, headlines and skills of the demo peers
(data/profiles/demo.toml's peers), ZIP codes and states of the demo jobs' places (data/jobs/
demo_postings.toml), practice settings and credentials from the catalog. Deterministic (the
n-th member is the same on every run: random.Random(SEED + n)), idempotent (emails already
there are skipped), bounded (`MAX_MEMBERS`). They cannot log in: the password is unusable.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from rxguild.accounts.models import Role, RoleGrant, User
from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.jobs.demo_data import demo_data
from rxguild.profiles.demo_data import demo_profiles
from rxguild.profiles.models import Audience, CredentialHeld, Profile, ProfileSkill

PEERS = demo_profiles().peers

DOMAIN = "scale.rxguild.local"
SEED = 1808
MAX_MEMBERS = 200_000
BATCH = 1000


def _email(n: int) -> str:
    return f"member-{n:06d}@{DOMAIN}"


def scale_members(total: int, *, progress: Callable[[str], None] = print) -> int:
    """Add scale members until the instance has `total` members (users); the number added."""
    if not 0 <= total <= MAX_MEMBERS:
        raise ValueError(f"members must be between 0 and {MAX_MEMBERS:,}")
    others = User.objects.exclude(email__endswith=f"@{DOMAIN}").count()
    wanted = max(0, total - others)
    existing = set(
        User.objects.filter(email__endswith=f"@{DOMAIN}").values_list("email", flat=True)
    )
    places = demo_data().places
    settings = list(PracticeSetting.objects.order_by("code"))
    skills = {s.code: s for s in Skill.objects.all()}
    peer_skills = sorted({code for peer in PEERS for code in peer.skills if code in skills})
    cpht = Credential.objects.filter(code="ptcb-cpht").first()
    state_credentials = {c.code: c for c in Credential.objects.filter(code__startswith="state-")}
    unusable = make_password(None)  # one hash for all: they never log in
    todo = [n for n in range(1, wanted + 1) if _email(n) not in existing]
    added = 0
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]
        rngs = {n: random.Random(SEED + n) for n in chunk}
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(
                        email=_email(n),
                        username=_email(n),
                        first_name=rngs[n].choice(PEERS).first,
                        last_name=rngs[n].choice(PEERS).last,
                        password=unusable,
                    )
                    for n in chunk
                ]
            )
            EmailAddress.objects.bulk_create(
                [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
            )
            RoleGrant.objects.bulk_create([RoleGrant(user=u, role=Role.MEMBER) for u in users])
            profiles = []
            for n, user in zip(chunk, users, strict=True):
                rng, peer, place = rngs[n], rngs[n].choice(PEERS), rngs[n].choice(places)
                profiles.append(
                    Profile(
                        user=user,
                        handle=f"{user.first_name}-{user.last_name}-{n}".lower()[:40],
                        display_name=f"{user.first_name} {user.last_name}",
                        headline=peer.headline,
                        zip_code=place.zip_code,
                        state=place.state,
                        years_experience=rng.randint(0, 20),
                        is_public=n % 3 != 0,
                        work_audience=Audience.PUBLIC,
                        skills_audience=Audience.PUBLIC,
                        credentials_audience=Audience.MEMBERS,
                    )
                )
            profiles = Profile.objects.bulk_create(profiles)
            through = Profile.practice_settings.through
            links, held, skill_rows = [], [], []
            for n, profile in zip(chunk, profiles, strict=True):
                rng = rngs[n]
                if settings:
                    links.append(through(profile=profile, practicesetting=rng.choice(settings)))
                if cpht is not None and profile.years_experience and profile.years_experience >= 2:
                    held.append(CredentialHeld(profile=profile, credential=cpht))
                state_cred = state_credentials.get(f"state-{profile.state.lower()}-technician")
                if state_cred is not None:
                    held.append(
                        CredentialHeld(profile=profile, credential=state_cred, state=profile.state)
                    )
                for code in rng.sample(peer_skills, k=min(3, len(peer_skills))):
                    skill_rows.append(
                        ProfileSkill(profile=profile, skill=skills[code], level=rng.randint(1, 4))
                    )
            through.objects.bulk_create(links)
            CredentialHeld.objects.bulk_create(held)
            ProfileSkill.objects.bulk_create(skill_rows)
        added += len(chunk)
        if added % 5000 < BATCH:
            progress(f"  members: {added:,} added")
    return added
