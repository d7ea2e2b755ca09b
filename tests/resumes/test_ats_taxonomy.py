"""Loading the taxonomy: clear errors, written forms, conflicts reported (never merged)."""

from __future__ import annotations

import pytest

from rxguild.resumes.ats_taxonomy import (
    Taxonomy,
    TaxonomyError,
    Term,
    load_taxonomy,
)


def test_missing_skills_file_names_the_file(tmp_path):
    with pytest.raises(TaxonomyError, match=r"skills\.toml: file not found\."):
        load_taxonomy(tmp_path, tmp_path)


def test_an_entry_without_a_code_is_named(tmp_path):
    (tmp_path / "skills.toml").write_text('[[skills]]\nname = "Pyxis"\n')
    with pytest.raises(TaxonomyError, match=r"skills\.toml: skill #1 needs a code and a name\."):
        load_taxonomy(tmp_path, tmp_path)


def test_broken_toml_is_reported_with_the_file_name(tmp_path):
    (tmp_path / "skills.toml").write_text("[[skills]\n")
    with pytest.raises(TaxonomyError, match=r"^skills\.toml: "):
        load_taxonomy(tmp_path, tmp_path)


def test_a_form_shared_by_two_terms_is_reported_and_kept_by_the_first():
    taxonomy = Taxonomy()
    first = taxonomy.add_term(Term("tech-check-tech", "Tech check tech", "skill", "dispensing"))
    second = taxonomy.add_term(Term("ptcb-abc-tpv", "TPV certificate", "credential", "x"))
    taxonomy.add_form(first, "TPV", canonical=False)
    taxonomy.add_form(second, "TPV", canonical=False)
    assert taxonomy.forms["tpv"].term_index == first
    assert taxonomy.conflicts == ["'TPV' of ptcb-abc-tpv is already a form of tech-check-tech"]


def test_hyphenated_forms_also_match_joined():
    taxonomy = Taxonomy()
    index = taxonomy.add_term(Term("lasa", "LASA", "skill", "dispensing"))
    taxonomy.add_form(index, "look-alike", canonical=False)
    assert sorted(taxonomy.forms) == ["look alik", "lookalik"]  # stems


def test_state_forms_only_for_credentials_the_catalog_has():
    from rxguild.resumes.ats_state_forms import state_credential_forms

    forms = state_credential_forms(
        [
            ("state-tx-technician", "Registered Pharmacy Technician (Texas)"),
            ("state-oh-certified-technician", "Certified Pharmacy Technician (Ohio)"),
        ]
    )
    assert sorted(forms) == ["state-oh-certified-technician", "state-tx-technician"]
    assert "TX registered pharmacy technician" in forms["state-tx-technician"]
    assert "Ohio certified pharmacy technician" in forms["state-oh-certified-technician"]
    assert not any("Texas" in form for form in forms["state-oh-certified-technician"])


def test_ignored_forms_are_not_keywords():
    # data/ats/ignored_forms.toml drops "responsibility" (a posting heading) from the real
    # taxonomy; the small test taxonomy never had it, so this checks the real one.
    from rxguild.resumes.ats import default_analyzer

    assert "responsibility" not in default_analyzer().extractor.taxonomy.forms
    assert [h.code for h in default_analyzer().extract("Responsibilities:\n- Pyxis")] == [
        "bd-pyxis"
    ]
