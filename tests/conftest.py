"""Shared fixtures. Tests are hermetic: no network (pytest-socket), immediate task backend,
fast password hashing, memory cache (RXGUILD_TESTING=1, set here and by `make test`)."""

from __future__ import annotations

import os

os.environ.setdefault("RXGUILD_TESTING", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright beside the live server

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    # The wallet's badge-signing key is made on first use: never in the checkout's var/.
    settings.RXGUILD_WALLET_KEY_FILE = str(tmp_path / "wallet-signing-key.pem")
    cache.clear()
    yield
    cache.clear()


# Property tests: the same examples on every run (CI must not turn red by chance) and no
# per-example deadline (a shared CI machine's load is not a property of the code).
from hypothesis import settings as hypothesis_settings  # noqa: E402
from tests.catalog_fixtures import catalog  # noqa: E402, F401  (the real reference catalog)

hypothesis_settings.register_profile("rxguild", derandomize=True, database=None, deadline=None)
hypothesis_settings.load_profile("rxguild")
