"""Account factories: a verified member who can sign in by email with PASSWORD."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from rxguild.accounts.models import Role, RoleGrant, User

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    username = factory.SelfAttribute("email")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
            RoleGrant.objects.create(user=self, role=Role.MEMBER)
