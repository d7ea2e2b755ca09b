"""Compile the ATS engine's hot modules with mypyc into build/native/ (`make install` runs it).

The compiled modules are loaded only while the manifest written here names the sources in the
tree byte for byte (see `rxguild.resumes.ats_native`). A failed compilation is reported and
leaves no manifest: the Python source then runs, slower, and nothing else changes.

    .venv/bin/python scripts/build_native.py [--require]

`--require` makes a failed compilation an error (exit status 1) instead of a warning.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from rxguild.resumes import ats_native  # noqa: E402  (needs src on the path first)

GROUP = f"{ats_native.PACKAGE}.{ats_native.SHARED_LIBRARY.removesuffix('__mypyc')}"


def build(build_dir: Path) -> None:
    from mypyc.build import mypycify
    from setuptools import setup

    sources = [
        str((ats_native.SOURCE_DIR / f"{name}.py").relative_to(REPO))
        for name in ats_native.ENGINE_MODULES
    ]
    config = build_dir / "mypy.ini"
    # mypy's view of the engine for compiling: the modules and their imports, without the
    # project's Django plugin (the engine has no Django import).
    config.write_text(
        "[mypy]\n"
        f"mypy_path = {REPO / 'src'}\n"
        "ignore_missing_imports = True\n"
        f"cache_dir = {build_dir / 'mypy_cache'}\n",
        encoding="utf-8",
    )
    extensions = mypycify(
        ["--config-file", str(config), *sources],
        opt_level="3",
        debug_level="0",
        group_name=GROUP,
        target_dir=str(build_dir / "c"),
    )
    setup(
        name="rxguild-ats-engine",
        ext_modules=extensions,
        script_args=[
            "--quiet",
            "build_ext",
            "--build-lib",
            str(build_dir / "lib"),
            "--build-temp",
            str(build_dir / "temp"),
        ],
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--require", action="store_true", help="fail if compiling fails")
    args = parser.parse_args(argv)
    build_dir = ats_native.BUILD_DIR
    manifest_path = build_dir / ats_native.MANIFEST_NAME
    # No manifest while building: an interrupted build is never loaded.
    manifest_path.unlink(missing_ok=True)
    shutil.rmtree(build_dir / "lib", ignore_errors=True)
    build_dir.mkdir(parents=True, exist_ok=True)
    digests = ats_native.source_digests()
    names = ", ".join(ats_native.ENGINE_MODULES)
    print(f"ATS engine: compiling {names} with mypyc (C compiler needed) ...", flush=True)
    started = time.perf_counter()
    previous = Path.cwd()
    try:
        os.chdir(REPO)
        build(build_dir)
        if ats_native.source_digests() != digests:
            raise RuntimeError("an engine source changed while it was being compiled")
        missing = [p.name for p in ats_native.compiled_files(build_dir).values() if not p.is_file()]
        if missing:
            raise RuntimeError(f"the build did not write {', '.join(missing)}")
    except (Exception, SystemExit) as exc:  # mypyc and setuptools report errors by exiting
        print(
            f"ATS engine: compiling FAILED ({type(exc).__name__}: {exc}).\n"
            "ATS engine: the Python source will run instead (same results, about twice as "
            "slow); see the messages above.",
            file=sys.stderr,
            flush=True,
        )
        return 1 if args.require else 0
    finally:
        os.chdir(previous)
    manifest = {
        "interpreter": ats_native.interpreter_tag(),
        "sources": digests,
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    partial = manifest_path.with_suffix(".tmp")
    partial.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    partial.replace(manifest_path)
    print(
        f"ATS engine: compiled in {time.perf_counter() - started:.0f} s into "
        f"{ats_native.library_dir(build_dir).relative_to(REPO)}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
