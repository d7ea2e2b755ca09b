"""The real reference catalog for any app's tests.

Use the `catalog` fixture (registered in tests/conftest.py) in a test that needs credentials,
skills or settings to exist::

    def test_something(catalog):
        cpht = Credential.objects.get(code="ptcb-cpht")

or call `load_test_catalog()` from a factory or another fixture. It loads data/catalog/*.toml
through the same service as `manage.py load_catalog`, so tests see exactly what users get.
"""

from __future__ import annotations

import pytest

from rxguild.catalog.datafiles import DEFAULT_DATA_DIR
from rxguild.catalog.services import LoadReport, catalog_load


def load_test_catalog() -> LoadReport:
    """Load the real data files into the test database (needs database access)."""
    return catalog_load(path=DEFAULT_DATA_DIR)


@pytest.fixture
def catalog(db: None) -> LoadReport:
    return load_test_catalog()
