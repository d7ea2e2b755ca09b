"""Catalog rows for profile tests (until the real catalog fixture is used) and profiles."""

from __future__ import annotations

import factory
from tests.accounts.factories import UserFactory

from rxguild.catalog.models import Confidence, Credential, PracticeSetting, Skill
from rxguild.profiles.models import Profile


class CredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credential
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-credential-{n}")
    name = factory.Sequence(lambda n: f"Test Credential {n}")
    kind = Credential.Kind.CERTIFICATION
    issuer = "Test Board"
    source = "test fixture"
    confidence = Confidence.HIGH


class PracticeSettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeSetting
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"setting-{n}")
    name = factory.Sequence(lambda n: f"Setting {n}")
    source = "test fixture"
    confidence = Confidence.HIGH


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"skill-{n}")
    name = factory.Sequence(lambda n: f"Skill {n}")
    category = Skill.Category.DISPENSING
    synonyms = factory.LazyFunction(list)
    source = "test fixture"
    confidence = Confidence.HIGH


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Member {n}")


def make_catalog() -> dict[str, object]:
    """The few real-coded rows the profile tests need, named as in the shared catalog."""
    return {
        "cpht": CredentialFactory(
            code="ptcb-cpht",
            name="Certified Pharmacy Technician",
            abbreviation="CPhT",
            issuer="Pharmacy Technician Certification Board (PTCB)",
        ),
        "cspt": CredentialFactory(
            code="ptcb-cspt",
            name="Certified Compounded Sterile Preparation Technician",
            abbreviation="CSPT",
            issuer="Pharmacy Technician Certification Board (PTCB)",
        ),
        "tx": CredentialFactory(
            code="state-tx-technician",
            name="Texas Registered Pharmacy Technician",
            abbreviation="",
            kind=Credential.Kind.STATE_REGISTRATION,
            issuer="Texas State Board of Pharmacy",
            state="TX",
        ),
        "hospital": PracticeSettingFactory(code="hospital", name="Hospital / health system"),
        "retail": PracticeSettingFactory(code="community", name="Retail / community pharmacy"),
        "iv": SkillFactory(
            code="iv-additives",
            name="IV admixtures",
            category=Skill.Category.STERILE,
            synonyms=["IV compounding", "admixture"],
        ),
        "billing": SkillFactory(
            code="third-party-billing",
            name="Third-party billing",
            category=Skill.Category.BILLING,
            synonyms=["insurance billing"],
        ),
        "hipaa": SkillFactory(
            code="hipaa", name="HIPAA privacy", category=Skill.Category.REGULATORY, synonyms=[]
        ),
        "data_entry": SkillFactory(
            code="prescription-data-entry",
            name="Prescription data entry",
            synonyms=["order entry", "Rx entry"],
        ),
    }
