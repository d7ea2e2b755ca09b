from __future__ import annotations

import pytest
from tests.jobs.factories import EmployerFactory, make_catalog, recruiter_for


@pytest.fixture
def catalog(db):
    return make_catalog()


@pytest.fixture
def employer(db):
    return EmployerFactory(name="Bayou Health System")


@pytest.fixture
def recruiter(employer):
    return recruiter_for(employer)
