"""The type of whoever is asking: what `request.user` is. Access helpers take a `Viewer`."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from rxguild.accounts.models import User

Viewer = User | AnonymousUser
