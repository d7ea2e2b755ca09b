"""A fresh instance has the competency frameworks: `make setup` loads them before seeding."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command

from rxguild.growth.models import Competency, Framework

ROOT = Path(__file__).resolve().parents[2]


def _recipe(target: str) -> list[str]:
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def test_make_setup_loads_growth_frameworks_after_the_catalog_and_before_the_demo():
    recipe = _recipe("setup")
    assert recipe == [
        "$(BIN)/python manage.py load_catalog",
        "$(BIN)/python manage.py load_growth_frameworks",
        "$(BIN)/python manage.py seed_demo",
    ]


def test_the_command_make_setup_runs_fills_an_empty_database(db):
    assert Framework.objects.count() == 0
    call_command("load_growth_frameworks")
    assert Framework.objects.count() == 8
    assert Competency.objects.filter(is_active=True).count() == 72
    call_command("load_growth_frameworks")  # idempotent: nothing doubled
    assert Framework.objects.count() == 8
    assert Competency.objects.count() == 72
