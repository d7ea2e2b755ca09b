import pytest

from rxguild.catalog.models import Credential, Skill


@pytest.mark.django_db
def test_catalog_fixture_loads_the_real_files(catalog):
    assert Credential.objects.filter(code="ptcb-cpht").count() == 1
    assert Skill.objects.count() == 342
    assert catalog.file("skills.toml").created == 342
