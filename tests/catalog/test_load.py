"""`load_catalog` end to end: idempotent, upserts by code, never drops rows members use, and
writes nothing when any file is wrong."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from rxguild.catalog.datafiles import DEFAULT_DATA_DIR
from rxguild.catalog.models import (
    Credential,
    DataFileLoad,
    PracticeSetting,
    Skill,
    Specialization,
    Wage,
)
from rxguild.catalog.services import catalog_load
from rxguild.profiles.models import Profile, ProfileSkill

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "credentials": Credential.objects.count(),
        "settings": PracticeSetting.objects.count(),
        "specializations": Specialization.objects.count(),
        "skills": Skill.objects.count(),
        "wages": Wage.objects.count(),
        "loads": DataFileLoad.objects.count(),
    }


FULL = {
    "credentials": 85,
    "settings": 15,
    "specializations": 18,
    "skills": 346,
    "wages": 47,
    "loads": 5,
}


def _run(*args: str) -> str:
    out = StringIO()
    call_command("load_catalog", *args, stdout=out)
    return out.getvalue()


def test_first_load_creates_everything_with_links_and_sources():
    output = _run()
    assert _counts() == FULL
    assert "skills.toml v2026.11.1: 346 created, 0 updated, 0 unchanged, 0 removed" in output
    assert output.endswith("Catalog loaded.\n")
    cspt = Credential.objects.get(code="ptcb-cspt")
    assert list(cspt.requires.values_list("code", flat=True)) == ["ptcb-cpht"]
    assert cspt.confidence == "high"
    assert cspt.data_version == "2026.12.1"
    sterile = Specialization.objects.get(code="sterile-compounding")
    assert sorted(sterile.settings.values_list("code", flat=True)) == [
        "compounding-sterile",
        "home-infusion",
        "hospital-health-system",
    ]
    assert Skill.objects.get(code="bd-pyxis").synonyms[:2] == ["Pyxis", "BD Pyxis"]


def test_second_run_reports_unchanged_and_changes_nothing():
    _run()
    before = _counts()
    loaded_at = list(DataFileLoad.objects.order_by("name").values_list("loaded_at", flat=True))
    output = _run()
    assert _counts() == before == FULL
    assert output.count(": unchanged, skipped") == 5
    assert output.endswith("Catalog already up to date.\n")
    after = list(DataFileLoad.objects.order_by("name").values_list("loaded_at", flat=True))
    assert after == loaded_at


def test_changed_file_is_upserted_by_code(data_dir, edit_file):
    catalog_load(path=data_dir)
    pk = Skill.objects.get(code="ndc").pk
    edit_file(
        "skills.toml",
        'name = "National Drug Code (NDC)"',
        'name = "National Drug Code numbers"',
    )
    edit_file("skills.toml", 'version = "2026.11.1"', 'version = "2026.11.2"')
    report = catalog_load(path=data_dir)
    skills = report.file("skills.toml")
    assert (skills.status, skills.created, skills.updated, skills.unchanged) == (
        "loaded",
        0,
        346,  # the version stamp changed on every row
        0,
    )
    assert report.file("credentials.toml").status == "unchanged"
    ndc = Skill.objects.get(code="ndc")
    assert (ndc.pk, ndc.name, ndc.data_version) == (pk, "National Drug Code numbers", "2026.11.2")
    assert DataFileLoad.objects.get(name="skills.toml").version == "2026.11.2"


def test_one_changed_entry_counts_as_one_update(data_dir, edit_file):
    catalog_load(path=data_dir)
    edit_file("credentials.toml", 'abbreviation = "CSPT"', 'abbreviation = "CSPT®"')
    report = catalog_load(path=data_dir).file("credentials.toml")
    assert (report.created, report.updated, report.unchanged, report.removed) == (0, 1, 84, [])


def test_changed_link_counts_as_update(data_dir, edit_file):
    catalog_load(path=data_dir)
    edit_file(
        "practice_settings.toml",
        'typical_credentials = ["ptcb-cpht", "ptcb-abc-nonsterile-compounding"]',
        'typical_credentials = ["ptcb-abc-nonsterile-compounding"]',
    )
    report = catalog_load(path=data_dir).file("practice_settings.toml")
    assert (report.updated, report.unchanged) == (1, 14)
    setting = PracticeSetting.objects.get(code="compounding-nonsterile")
    assert list(setting.typical_credentials.values_list("code", flat=True)) == [
        "ptcb-abc-nonsterile-compounding"
    ]


def test_removed_rows_are_deleted_unless_a_member_uses_them(data_dir, edit_file):
    catalog_load(path=data_dir)
    user = get_user_model().objects.create_user(email="tech@example.com", password="x" * 12)
    profile = Profile.objects.create(user=user)
    ProfileSkill.objects.create(profile=profile, skill=Skill.objects.get(code="flavoring"))
    profile.practice_settings.add(PracticeSetting.objects.get(code="nuclear"))
    skills_text = (data_dir / "skills.toml").read_text(encoding="utf-8")
    for code in ("flavoring", "tablet-splitting"):
        start = skills_text.index(f'[[skills]]\ncode = "{code}"')
        end = skills_text.index("[[skills]]", start + 1)
        skills_text = skills_text[:start] + skills_text[end:]
    (data_dir / "skills.toml").write_text(skills_text, encoding="utf-8")

    report = catalog_load(path=data_dir).file("skills.toml")

    assert report.removed == ["tablet-splitting"]
    assert report.kept_referenced == ["flavoring"]
    assert "kept because members or postings use them: flavoring" in report.summary()
    assert Skill.objects.filter(code="flavoring").count() == 1
    assert Skill.objects.filter(code="tablet-splitting").count() == 0
    assert Skill.objects.count() == 345


def test_referenced_practice_setting_is_kept(data_dir, edit_file):
    catalog_load(path=data_dir)
    user = get_user_model().objects.create_user(email="nuc@example.com", password="x" * 12)
    Profile.objects.create(user=user).practice_settings.add(
        PracticeSetting.objects.get(code="academia-training")
    )
    text = (data_dir / "practice_settings.toml").read_text(encoding="utf-8")
    start = text.index('[[practice_settings]]\ncode = "academia-training"')
    end = text.index("[[practice_settings]]", start + 1)
    (data_dir / "practice_settings.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    report = catalog_load(path=data_dir).file("practice_settings.toml")
    assert (report.removed, report.kept_referenced) == ([], ["academia-training"])


def test_bad_file_fails_with_named_error_and_writes_nothing(data_dir, edit_file):
    catalog_load(path=data_dir)
    before = _counts()
    edit_file("skills.toml", 'name = "National Drug Code (NDC)"', 'name = "Renamed"')
    edit_file(
        "credentials.toml",
        'requires = ["ptcb-cpht"]\ndescription = "For CPhTs in sterile',
        'requires = ["ptcb-cpht-basic"]\ndescription = "For CPhTs in sterile',
    )
    with pytest.raises(CommandError) as caught:
        _run("--path", str(data_dir))
    assert str(caught.value) == (
        "The catalog data files have 1 problem(s); nothing was written:\n"
        "  - credentials.toml, entry #2 'ptcb-cspt', field 'requires': "
        "unknown credential 'ptcb-cpht-basic'"
    )
    assert _counts() == before
    assert Skill.objects.get(code="ndc").name == "National Drug Code (NDC)"


def test_failure_midway_rolls_back_the_whole_run(data_dir, edit_file, monkeypatch):
    from rxguild.catalog import services

    edit_file("skills.toml", 'name = "National Drug Code (NDC)"', 'name = "Renamed"')

    def explode(data_file, report):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_LOADERS", (*services._LOADERS[:-1], ("wages", explode)))
    with pytest.raises(RuntimeError):
        catalog_load(path=data_dir)
    assert _counts() == dict.fromkeys(FULL, 0)


def test_check_validates_without_writing():
    output = _run("--check")
    assert output.splitlines() == [
        "credentials.toml v2026.12.1: 85 entries valid",
        "practice_settings.toml v2026.11.1: 15 entries valid",
        "specializations.toml v2026.11.1: 18 entries valid",
        "skills.toml v2026.11.1: 346 entries valid",
        "wages.toml v2026.12.1: 47 entries valid",
        "Catalog data files are valid.",
    ]
    assert _counts() == dict.fromkeys(FULL, 0)


def test_check_reports_problems(data_dir, edit_file):
    edit_file("wages.toml", 'area = "NY"', 'area = "ZZ"')
    with pytest.raises(CommandError) as caught:
        _run("--check", "--path", str(data_dir))
    assert "wages.toml, entry #18 'ny-not-retrieved', field 'area': unknown area 'ZZ'" in str(
        caught.value
    )


def test_bad_path_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError) as caught:
        _run("--path", str(tmp_path / "nowhere"))
    assert str(caught.value) == f"--path {tmp_path / 'nowhere'}: no such directory."


def test_directory_without_files_names_each_missing_file(tmp_path):
    with pytest.raises(CommandError) as caught:
        _run("--path", str(tmp_path))
    assert str(caught.value).splitlines()[1:] == [
        "  - credentials.toml: file is missing",
        "  - practice_settings.toml: file is missing",
        "  - specializations.toml: file is missing",
        "  - skills.toml: file is missing",
        "  - wages.toml: file is missing",
    ]


def test_default_path_is_the_repository_data_dir():
    assert DEFAULT_DATA_DIR.name == "catalog"
    assert (DEFAULT_DATA_DIR / "skills.toml").is_file()


def test_unchanged_files_are_not_even_parsed(data_dir, monkeypatch):
    from rxguild.catalog import services

    catalog_load(path=data_dir)

    def must_not_parse(path):
        raise AssertionError("parsed although every file is unchanged")

    monkeypatch.setattr(services.datafiles, "read_catalog", must_not_parse)
    report = catalog_load(path=data_dir)
    assert [(f.name, f.status, f.version) for f in report.files] == [
        ("credentials.toml", "unchanged", "2026.12.1"),
        ("practice_settings.toml", "unchanged", "2026.11.1"),
        ("specializations.toml", "unchanged", "2026.11.1"),
        ("skills.toml", "unchanged", "2026.11.1"),
        ("wages.toml", "unchanged", "2026.12.1"),
    ]
