"""Factories for the tracker tests. Postings are made directly (published, live) so these
tests don't depend on the posting workflow, which part A's tests cover."""

from __future__ import annotations

import functools
import io
from datetime import timedelta

import factory
from django.utils import timezone
from docx import Document
from fpdf import FPDF

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


@functools.cache
def pdf_bytes() -> bytes:
    """A real one-page PDF: resume files are parsed in the sandbox before they are kept."""
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="Maria Alvarez, CPhT - Pharmacy Technician")
    return bytes(document.output())


@functools.cache
def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Maria Alvarez, CPhT")
    document.add_paragraph("Pharmacy Technician, Lone Star Health, 2021 - present")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
