"""Run every benchmark module (or those named): `python -m benchmarks [name ...]`."""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rxguild.settings")
    os.environ.setdefault("RXGUILD_TESTING", "1")
    # One core, as the targets are stated: numpy's BLAS would otherwise start a thread per core.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import django

    django.setup()
    here = Path(__file__).parent
    names = sorted(p.stem.removeprefix("bench_") for p in here.glob("bench_*.py"))
    wanted = argv or names
    unknown = sorted(set(wanted) - set(names))
    if unknown:
        print(f"Unknown benchmark(s): {', '.join(unknown)}. Known: {', '.join(names)}")
        return 2
    if not names:
        print("No benchmarks yet.")
        return 0
    for name in wanted:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"benchmarks.bench_{name}").run()
        print(f"({name}: {time.perf_counter() - started:.1f} s in all)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
