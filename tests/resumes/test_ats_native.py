"""The compiled ATS engine (mypyc, built by `make install`) is the source, compiled.

It gives the same results as the Python source on the whole evaluation set, it is in use when
a build for the current sources exists, and a build that does not match the sources byte for
byte (or is for another interpreter, or half written) is never imported.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rxguild.resumes import ats, ats_native, ats_posting, ats_text
from rxguild.resumes.ats_eval import load_documents

REPO = Path(__file__).resolve().parents[2]
ENGINE = (ats, ats_posting, ats_text)


def _plain(value: Any) -> Any:
    """`value` as JSON-ready data, sets sorted (their order follows the process's string hash
    seed) and every dataclass named with its fields."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return [type(value).__name__, fields]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(item) for item in value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    assert value is None or isinstance(value, (str, int, float, bool)), type(value)
    return value


def engine_outputs() -> list[str]:
    """Everything the engine answers on the evaluation set, as text: every hit of every
    document (with and without the fuzzy pass), every posting's profile, every resume analysed
    against every posting, and the ranking."""
    analyzer = ats.default_analyzer()
    documents = load_documents()
    postings = [d for d in documents if d.kind == "posting"]
    resumes = [d for d in documents if d.kind == "resume"]
    today = date(2026, 1, 15)
    out: list[str] = []
    for document in documents:
        for fuzzy in (False, True):
            out.append(_dump(analyzer.extract(document.text, fuzzy=fuzzy)))
    profiles = []
    for posting in postings:
        for fuzzy in (False, True):
            out.append(_dump(analyzer.posting_profile(posting.text, fuzzy=fuzzy)))
        profiles.append(analyzer.posting_profile(posting.text))
    for resume in resumes:
        for posting in postings:
            for fuzzy in (False, True):
                analysis = analyzer.analyze(
                    resume_text=resume.text, posting_text=posting.text, today=today, fuzzy=fuzzy
                )
                out.append(_dump(analysis))
        out.append(_dump(analyzer.rank_postings(resume.text, profiles, today=today)))
    return out


def _dump(value: object) -> str:
    # repr() of floats and strings is exact: equal dumps mean equal results.
    return json.dumps(_plain(value))


def _run_pure(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    inherited = {name: value for name, value in os.environ.items() if name != ats_native.PURE_ENV}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**inherited, "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}", **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_the_compiled_build_is_in_use_and_current() -> None:
    state = ats_native.state()
    if not state.compiled and (
        state.reason.startswith("not compiled") or state.reason == f"{ats_native.PURE_ENV} is set"
    ):
        pytest.skip(f"ATS engine not compiled here: {state.reason}")
    # A build exists: it must be the build of these sources, and the one imported.
    assert state.compiled, state.reason
    assert [ats_native.is_compiled(module) for module in ENGINE] == [True, True, True]
    # The loops that suit compiled code are the ones in use.
    assert ats_text.COMPILED is True


def test_the_source_knows_it_is_the_source() -> None:
    if ats_native.is_compiled(ats_text):
        pytest.skip("the compiled build is in use")
    assert ats_text.COMPILED is False


def test_compiled_and_pure_engines_agree_on_the_evaluation_set() -> None:
    if not all(ats_native.is_compiled(module) for module in ENGINE):
        pytest.skip(f"ATS engine not compiled here: {ats_native.state().reason}")
    compiled = engine_outputs()
    result = _run_pure(
        "import json; from rxguild.resumes import ats, ats_native; "
        "assert not ats_native.is_compiled(ats), ats.__file__; "
        "from tests.resumes.test_ats_native import engine_outputs; "
        "print(json.dumps(engine_outputs()))",
        **{ats_native.PURE_ENV: "1"},
    )
    assert result.returncode == 0, result.stderr
    pure = json.loads(result.stdout)
    assert len(compiled) == len(pure) == 60 * 2 + 40 * 2 + 20 * 40 * 2 + 20
    differing = [i for i, (a, b) in enumerate(zip(compiled, pure, strict=True)) if a != b]
    assert differing == [], (compiled[differing[0]], pure[differing[0]])


@pytest.fixture(autouse=True)
def _builds_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    # RXGUILD_ATS_PURE=1 (a run of the tests on the source) would refuse every build.
    monkeypatch.delenv(ats_native.PURE_ENV, raising=False)


def _fake_build(tmp_path: Path, *, sources: Path = ats_native.SOURCE_DIR) -> Path:
    """A build directory whose manifest names `sources`, with files that are no extension
    modules at all: importing one of them fails loudly."""
    build_dir = tmp_path / "build"
    for path in ats_native.compiled_files(build_dir).values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not an extension module")
    manifest = {
        "interpreter": ats_native.interpreter_tag(),
        "sources": ats_native.source_digests(sources),
    }
    (build_dir / ats_native.MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    return build_dir


def _copy_sources(tmp_path: Path) -> Path:
    source_dir = tmp_path / "src"
    source_dir.mkdir()
    for name in ats_native.ENGINE_MODULES:
        shutil.copy(ats_native.SOURCE_DIR / f"{name}.py", source_dir)
    return source_dir


def test_a_build_of_the_current_sources_is_accepted(tmp_path: Path) -> None:
    source_dir = _copy_sources(tmp_path)
    build_dir = _fake_build(tmp_path, sources=source_dir)
    state = ats_native.check_build(build_dir, source_dir)
    assert (state.compiled, state.reason) == (
        True,
        f"compiled with mypyc ({ats_native.library_dir(build_dir)})",
    )


def test_an_edited_source_makes_the_build_stale(tmp_path: Path) -> None:
    source_dir = _copy_sources(tmp_path)
    build_dir = _fake_build(tmp_path, sources=source_dir)
    with (source_dir / "ats_posting.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")
    state = ats_native.check_build(build_dir, source_dir)
    assert (state.compiled, state.reason) == (
        False,
        "compiled build is out of date (ats_posting.py changed since it was built; "
        "`make install` rebuilds it)",
    )


@pytest.mark.parametrize(
    ("change", "reason_start"),
    [
        pytest.param("interpreter", "compiled for 'cpython-310", id="other-interpreter"),
        pytest.param("missing", "compiled build is incomplete (missing ats_text", id="missing"),
        pytest.param("no-manifest", "not compiled (no ", id="no-manifest"),
        pytest.param("garbled", "unreadable build manifest", id="garbled-manifest"),
    ],
)
def test_other_builds_are_refused(tmp_path: Path, change: str, reason_start: str) -> None:
    build_dir = _fake_build(tmp_path)
    manifest_path = build_dir / ats_native.MANIFEST_NAME
    if change == "interpreter":
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        manifest["interpreter"] = "cpython-310 3.10.12 .cpython-310-x86_64-linux-gnu.so"
        manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    elif change == "missing":
        ats_native.compiled_files(build_dir)[f"{ats_native.PACKAGE}.ats_text"].unlink()
    elif change == "no-manifest":
        manifest_path.unlink()
    else:
        manifest_path.write_text("{", encoding="utf-8")
    state = ats_native.check_build(build_dir)
    assert state.compiled is False
    assert state.reason.startswith(reason_start), state.reason


_IMPORT_ENGINE = (
    "from rxguild.resumes import ats, ats_native; print(ats_native.state().reason); "
    "print(ats.__file__)"
)


def test_a_stale_build_is_never_imported(tmp_path: Path) -> None:
    # The "extension modules" here are garbage: importing one would fail. The manifest names
    # other sources, so the engine must come from the source files.
    build_dir = _fake_build(tmp_path)
    manifest_path = build_dir / ats_native.MANIFEST_NAME
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["sources"]["ats"] = hashlib.sha256(b"an older ats.py").hexdigest()
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    result = _run_pure(_IMPORT_ENGINE, RXGUILD_ATS_BUILD_DIR=str(build_dir))
    assert result.returncode == 0, result.stderr
    reason, module_file = result.stdout.splitlines()
    assert reason.startswith("compiled build is out of date (ats.py changed"), reason
    assert module_file == str(REPO / "src/rxguild/resumes/ats.py")


def test_a_current_build_is_what_gets_imported(tmp_path: Path) -> None:
    # Same garbage files with a manifest naming the current sources: the import now goes to
    # them (and fails), which shows the finder is what decides.
    build_dir = _fake_build(tmp_path)
    result = _run_pure(_IMPORT_ENGINE, RXGUILD_ATS_BUILD_DIR=str(build_dir))
    assert result.returncode == 1
    assert "ImportError" in result.stderr
    assert str(build_dir) in result.stderr


@pytest.mark.parametrize(
    "cls",
    [
        ats.Hit,
        ats.PostingItem,
        ats.MatchedItem,
        ats.MissingItem,
        ats.LiteralHint,
        ats_posting.Section,
    ],
    ids=lambda cls: cls.__name__,
)
def test_written_out_inits_set_every_field_of_a_frozen_dataclass(cls: type) -> None:
    # These classes spell out the `__init__` the dataclass would generate (see `ats.Hit`):
    # each field, in order, positionally and by name; still frozen.
    fields = dataclasses.fields(cls)
    # A distinct value of each field's type (compiled, the types are checked).
    samples = {"int": 7, "bool": True}
    # (Compiled, a field's type is the class itself; as source, its name.)
    names = [getattr(f.type, "__name__", f.type) for f in fields]
    values = [samples.get(name, f"value {index}") for index, name in enumerate(names)]
    for made in (cls(*values), cls(**{f.name: v for f, v in zip(fields, values, strict=True)})):
        assert [getattr(made, f.name) for f in fields] == values
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, fields[0].name, "changed")
    defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    if defaults:
        required = [v for f, v in zip(fields, values, strict=True) if f.name not in defaults]
        assert {name: getattr(cls(*required), name) for name in defaults} == defaults
