"""Reads for the accounts pages and API."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from rxguild.accounts.models import PersonalAccessToken, User


def token_list_for_owner(*, owner: User) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=owner).order_by("-created_at", "-pk")


def token_get_for_owner(*, owner: User, token_id: int) -> PersonalAccessToken:
    """Only the owner may see a token; anyone else's id is 'not found' (no existence leak)."""
    token = PersonalAccessToken.objects.filter(pk=token_id, user=owner).first()
    if token is None:
        raise Http404("No such token.")
    return token


def role_names_for(*, user: User) -> list[str]:
    return user.role_names
