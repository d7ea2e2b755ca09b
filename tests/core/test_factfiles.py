"""The shared fact-file reader (core.factfiles): real files on disk, every problem named with
its file, entry and field."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from rxguild.core.factfiles import (
    FactFileError,
    FactProblem,
    parse_toml,
    read_fact_file,
    read_toml,
)

GOOD_DUTY = 'code = "counting"\nname = "Counting"\nsource = "https://example.org"\n'


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(error: pytest.ExceptionInfo[FactFileError]) -> list[str]:
    return [str(p) for p in error.value.problems]


def test_a_valid_fact_file_is_read_with_its_entries(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "duties.toml",
        f'version = "1"\n[[duties]]\n{GOOD_DUTY}confidence = "high"\n'
        '[full_time]\nhours = 30\nsource = "https://example.org/rule"\nconfidence = "medium"\n',
    )

    document = read_fact_file(path, ("duties", "full_time"))

    assert document["duties"][0]["code"] == "counting"
    assert document["full_time"]["hours"] == 30


def test_an_entry_without_a_source_is_refused_with_its_file_and_entry(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "duties.toml",
        f'[[duties]]\n{GOOD_DUTY}confidence = "high"\n'
        '[[duties]]\ncode = "billing"\nname = "Billing"\nconfidence = "high"\n',
    )

    with pytest.raises(FactFileError) as error:
        read_fact_file(path, ("duties",))

    assert problems_of(error) == [
        "duties.toml, entry duties #2 'billing', field 'source': is required"
    ]


def test_a_confidence_outside_the_scale_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "duties.toml", f'[[duties]]\n{GOOD_DUTY}confidence = "certain"\n')

    with pytest.raises(FactFileError) as error:
        read_fact_file(path, ("duties",))

    assert problems_of(error) == [
        "duties.toml, entry duties #1 'counting', field 'confidence': unknown confidence "
        "'certain' (expected one of: high, medium, low, unverified)"
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "rules.toml",
        '[[duties]]\ncode = "a"\nconfidence = "high"\n'
        '[[duties]]\ncode = "b"\nsource = "https://example.org"\n'
        "[full_time]\nhours = 30\n",
    )

    with pytest.raises(FactFileError) as error:
        read_fact_file(path, ("duties", "full_time", "settings"))

    assert problems_of(error) == [
        "rules.toml, entry duties #1 'a', field 'source': is required",
        "rules.toml, entry duties #2 'b', field 'confidence': is required",
        "rules.toml, entry [full_time], field 'source': is required",
        "rules.toml, entry [full_time], field 'confidence': is required",
        "rules.toml, field 'settings': a list of entries is required",
    ]


def test_a_file_that_is_one_fact_carries_its_source_at_the_top(tmp_path: Path) -> None:
    path = write(tmp_path, "evaluation.toml", 'source = "https://example.org"\n')

    with pytest.raises(FactFileError) as error:
        read_fact_file(path, whole_file=True)

    assert problems_of(error) == [
        "evaluation.toml, entry (the file), field 'confidence': is required"
    ]


def test_bad_toml_names_the_file_and_where_it_broke(tmp_path: Path) -> None:
    path = write(tmp_path, "duties.toml", '[[duties]]\ncode = "counting\n')

    with pytest.raises(FactFileError) as error:
        read_fact_file(path, ("duties",))

    [problem] = error.value.problems
    assert (problem.file, problem.entry, problem.field) == ("duties.toml", None, None)
    assert problem.message.startswith("is not valid TOML: ")
    assert "line 2" in problem.message


def test_a_file_that_is_not_utf8_is_a_named_problem(tmp_path: Path) -> None:
    path = tmp_path / "duties.toml"
    path.write_bytes(b'name = "caf\xe9"\n')

    with pytest.raises(FactFileError) as error:
        read_toml(path)

    assert str(error.value).startswith("duties.toml: is not valid TOML: ")


def test_a_missing_file_is_a_named_problem(tmp_path: Path) -> None:
    with pytest.raises(FactFileError) as error:
        read_toml(tmp_path / "absent.toml")

    assert error.value.problems == [FactProblem("absent.toml", None, None, "file not found")]


def test_numbers_can_be_read_exactly() -> None:
    assert parse_toml("hours = 1.5", name="rule.toml", parse_float=Decimal) == {
        "hours": Decimal("1.5")
    }


def test_the_experience_ledger_refuses_a_duty_without_a_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rxguild.experience import reference

    write(tmp_path, "duties.toml", '[[duties]]\ncode = "counting"\nconfidence = "high"\n')
    monkeypatch.setattr(reference, "DATA_DIR", tmp_path)

    with pytest.raises(FactFileError, match=r"duties\.toml, entry duties #1 'counting'"):
        reference._read("duties.toml")
