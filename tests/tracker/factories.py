"""Factories for the tracker tests. Postings are made directly (published, live) so these
tests don't depend on the posting workflow, which part A's tests cover."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import factory
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.jobs.models import Employer, EmployerMember, JobPosting


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    username = factory.LazyAttribute(lambda o: o.email)
    first_name = "Pat"
    last_name = factory.Sequence(lambda n: f"Tech{n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password-1")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    slug = factory.Sequence(lambda n: f"employer-{n}")
    name = factory.Sequence(lambda n: f"Lone Star Health {n}")
    kind = Employer.Kind.HEALTH_SYSTEM


class PostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Pharmacy Technician {n}")
    description = "Fill prescriptions and support pharmacists."
    employment_type = "FULL_TIME"
    city = "Austin"
    state = "TX"
    zip_code = "78701"
    status = JobPosting.Status.PUBLISHED
    date_posted = factory.LazyFunction(timezone.now)
    valid_through = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    search_document = factory.LazyAttribute(lambda o: f"{o.title} {o.description}")


def recruiter_for(employer: Employer) -> User:
    user = UserFactory(first_name="Riley", last_name="Recruiter")
    EmployerMember.objects.create(employer=employer, user=user)
    return user


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()
