"""Which build of the ATS engine runs: the mypyc-compiled one, or the Python source.

`make install` compiles the engine's hot modules (`scripts/build_native.py`) into
`build/native/`, with a manifest naming the SHA-256 of every source it compiled and the
interpreter it was compiled for. The compiled modules are never on the import path by
themselves: `install()` (run when `rxguild.resumes` is imported) puts a finder for them first
on `sys.meta_path` only when the manifest matches the sources in the tree now, byte for byte.
An edited source, a build for another Python, a half-finished build or `RXGUILD_ATS_PURE=1`
all mean the Python source runs, so a compiled module can never silently run old code.

Pure Python and imported before the engine: this module is never compiled.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

PACKAGE = "rxguild.resumes"
# The modules compiled together (the hot path of an analysis). `ats_taxonomy` (read once per
# process) and `ats_eval` stay Python.
ENGINE_MODULES = ("ats", "ats_posting", "ats_text")
# mypyc's shared library holding the compiled code of all of them (named by the build).
SHARED_LIBRARY = "ats_engine__mypyc"
SOURCE_DIR = Path(__file__).resolve().parent
BUILD_DIR = Path(os.environ.get("RXGUILD_ATS_BUILD_DIR") or SOURCE_DIR.parents[2] / "build/native")
MANIFEST_NAME = "manifest.json"
PURE_ENV = "RXGUILD_ATS_PURE"


@dataclass(frozen=True, slots=True)
class BuildState:
    compiled: bool
    reason: str  # why the source runs, or where the compiled modules are


def interpreter_tag() -> str:
    """What a compiled module is tied to: the interpreter's version and extension suffix."""
    return f"{sys.implementation.cache_tag} {sys.version.split()[0]} {_extension_suffix()}"


def _extension_suffix() -> str:
    return importlib.machinery.EXTENSION_SUFFIXES[0]


def source_digests(source_dir: Path = SOURCE_DIR) -> dict[str, str]:
    return {
        name: hashlib.sha256((source_dir / f"{name}.py").read_bytes()).hexdigest()
        for name in ENGINE_MODULES
    }


def library_dir(build_dir: Path) -> Path:
    return build_dir.joinpath("lib", *PACKAGE.split("."))


def check_build(build_dir: Path = BUILD_DIR, source_dir: Path = SOURCE_DIR) -> BuildState:
    """Is there a compiled build in `build_dir` for these very sources and this interpreter?"""
    if os.environ.get(PURE_ENV):
        return BuildState(False, f"{PURE_ENV} is set")
    manifest_path = build_dir / MANIFEST_NAME
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return BuildState(False, f"not compiled (no {manifest_path}; `make install` builds it)")
    except (OSError, ValueError) as exc:
        return BuildState(False, f"unreadable build manifest {manifest_path}: {exc}")
    if not isinstance(manifest, dict):
        return BuildState(False, f"unreadable build manifest {manifest_path}")
    if manifest.get("interpreter") != interpreter_tag():
        return BuildState(
            False, f"compiled for {manifest.get('interpreter')!r}, running {interpreter_tag()!r}"
        )
    built_from = manifest.get("sources")
    current = source_digests(source_dir)
    if built_from != current:
        changed = sorted(
            f"{name}.py"
            for name in ENGINE_MODULES
            if not isinstance(built_from, dict) or built_from.get(name) != current[name]
        )
        return BuildState(
            False,
            f"compiled build is out of date ({', '.join(changed)} changed since it was "
            "built; `make install` rebuilds it)",
        )
    missing = [path.name for path in compiled_files(build_dir).values() if not path.is_file()]
    if missing:
        return BuildState(False, f"compiled build is incomplete (missing {', '.join(missing)})")
    return BuildState(True, f"compiled with mypyc ({library_dir(build_dir)})")


def compiled_files(build_dir: Path = BUILD_DIR) -> dict[str, Path]:
    """Module name -> the extension module the build writes for it."""
    directory = library_dir(build_dir)
    suffix = _extension_suffix()
    return {
        f"{PACKAGE}.{name}": directory / f"{name}{suffix}"
        for name in (*ENGINE_MODULES, SHARED_LIBRARY)
    }


class _CompiledEngineFinder(importlib.abc.MetaPathFinder):
    """Finds the engine modules in the compiled build (and nothing else)."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        location = self.files.get(fullname)
        if location is None:
            return None
        return importlib.util.spec_from_file_location(fullname, location)


_state: BuildState | None = None


def install() -> BuildState:
    """Put the compiled engine on the import path if it is current (once per process)."""
    global _state
    if _state is None:
        already = [
            f"{PACKAGE}.{name}" for name in ENGINE_MODULES if f"{PACKAGE}.{name}" in sys.modules
        ]
        state = check_build()
        if state.compiled and already:
            state = BuildState(False, f"imported before the build was checked: {already}")
        if state.compiled:
            sys.meta_path.insert(0, _CompiledEngineFinder(compiled_files()))
        _state = state
    return _state


def state() -> BuildState:
    """The build in use, as `install()` decided it."""
    return install()


def is_compiled(module: ModuleType) -> bool:
    """Is this module the compiled one (an extension module) rather than its source?"""
    return not str(getattr(module, "__file__", "")).endswith(".py")
