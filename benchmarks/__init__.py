"""Benchmarks, run by `make bench`. Each module `bench_<name>.py` defines `run() -> None`,
prints its figures and, always, the ratio against a baseline measured in the same run."""
