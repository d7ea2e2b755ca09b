"""Run untrusted-file parsing in a separate process with memory, CPU and wall-clock limits.

`sandbox_run` is the one runner; used for PDF text (`pdf_text_extract`), resume files
(`resumes.importing`) and photos
(`image_reencode`, called by core.images).

A small PDF can inflate to hundreds of MB (a Flate bomb) or spin a parser for minutes; inside a
web worker that takes the whole server down. Here the parser runs in `python -m
rxguild.core.extract_worker` with RLIMIT_AS and RLIMIT_CPU set before it starts, and a
wall-clock timeout after which it is killed. Callers get text or a typed failure.
"""

from __future__ import annotations

import enum
import json
import os
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MEMORY_LIMIT_BYTES = 512 * 1024 * 1024
CPU_LIMIT_SECONDS = 10
WALL_CLOCK_SECONDS = 15.0
MAX_PAGES = 50


class ExtractFailure(enum.StrEnum):
    TOO_MANY_PAGES = "too_many_pages"
    COULD_NOT_READ = "could_not_read"
    TOO_LONG = "took_too_long"
    TOO_MUCH_MEMORY = "too_much_memory"

    @property
    def message(self) -> str:
        return {
            ExtractFailure.TOO_MANY_PAGES: f"The file has more than {MAX_PAGES} pages.",
            ExtractFailure.COULD_NOT_READ: "We could not read text from this file.",
            ExtractFailure.TOO_LONG: "Reading this file took too long.",
            ExtractFailure.TOO_MUCH_MEMORY: "Reading this file needed too much memory.",
        }[self]


@dataclass(frozen=True)
class ExtractResult:
    text: str = ""
    failure: ExtractFailure | None = None
    pid: int | None = None  # the worker's pid, so tests can check it is gone

    @property
    def ok(self) -> bool:
        return self.failure is None


def _limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    # Runs in the child between fork and exec: only async-signal-safe work belongs here.
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@dataclass(frozen=True)
class SandboxRun:
    """How a worker process ended: its output, or that it was stopped for taking too long."""

    stdout: bytes
    returncode: int
    pid: int
    timed_out: bool  # the wall clock ran out, or the CPU limit stopped it

    @property
    def killed_for_time(self) -> bool:
        return self.timed_out or self.returncode in (-signal.SIGXCPU, -signal.SIGKILL)


def sandbox_run(
    module: str,
    args: list[str],
    *,
    stdin: bytes | None = None,
    memory_bytes: int = MEMORY_LIMIT_BYTES,
    cpu_seconds: int = CPU_LIMIT_SECONDS,
    wall_seconds: float = WALL_CLOCK_SECONDS,
) -> SandboxRun:
    """Run `python -m <module> <args>` under the memory and CPU limits, killed after
    `wall_seconds`. The one way RxGuild runs a parser on an untrusted file: no shell, a
    minimal environment, its own session (so a kill reaches anything it started)."""
    src_dir = str(Path(__file__).resolve().parent.parent.parent)
    env = {"PYTHONPATH": src_dir, "PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8"}
    process = subprocess.Popen(  # noqa: S603  (fixed argv: our interpreter and our module)
        [sys.executable, "-m", module, *args],
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        close_fds=True,
        start_new_session=True,
        preexec_fn=lambda: _limit_resources(memory_bytes, cpu_seconds),
    )
    try:
        stdout, _ = process.communicate(stdin, timeout=wall_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return SandboxRun(stdout=b"", returncode=-signal.SIGKILL, pid=process.pid, timed_out=True)
    return SandboxRun(
        stdout=stdout, returncode=process.returncode, pid=process.pid, timed_out=False
    )


def sandbox_json(run: SandboxRun) -> dict | None:
    """A worker's one JSON object, or None when it wrote none (most often it died of the
    memory limit while parsing)."""
    try:
        payload = json.loads(run.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return payload if isinstance(payload, dict) else None


def pdf_text_extract(
    path: Path | str,
    *,
    max_pages: int = MAX_PAGES,
    memory_bytes: int = MEMORY_LIMIT_BYTES,
    cpu_seconds: int = CPU_LIMIT_SECONDS,
    wall_seconds: float = WALL_CLOCK_SECONDS,
) -> ExtractResult:
    run = sandbox_run(
        "rxguild.core.extract_worker",
        [str(path), str(max_pages)],
        memory_bytes=memory_bytes,
        cpu_seconds=cpu_seconds,
        wall_seconds=wall_seconds,
    )
    if run.killed_for_time:
        return ExtractResult(failure=ExtractFailure.TOO_LONG, pid=run.pid)
    payload = sandbox_json(run)
    if payload is None:
        return ExtractResult(failure=ExtractFailure.TOO_MUCH_MEMORY, pid=run.pid)
    if "error" in payload:
        return ExtractResult(failure=ExtractFailure(payload["error"]), pid=run.pid)
    return ExtractResult(text=str(payload.get("text", "")), pid=run.pid)


# Decoding a photo within core.images' budget (100 MB of pixels) takes up to about three
# copies of it (decoded, converted to RGB, turned upright), beside the interpreter and Pillow.
IMAGE_MEMORY_LIMIT_BYTES = 768 * 1024 * 1024


class ImageFailure(enum.StrEnum):
    DAMAGED = "damaged"
    TOO_LONG = "took_too_long"
    TOO_MUCH_MEMORY = "too_much_memory"


@dataclass(frozen=True)
class ImageResult:
    jpeg: bytes = b""
    failure: ImageFailure | None = None


def image_reencode(
    data: bytes,
    *,
    sniffed: str,
    max_side: int,
    memory_bytes: int = IMAGE_MEMORY_LIMIT_BYTES,
    cpu_seconds: int = CPU_LIMIT_SECONDS,
    wall_seconds: float = WALL_CLOCK_SECONDS,
) -> ImageResult:
    """Decode an image and re-encode it as a JPEG no larger than max_side, in a child process
    with memory, CPU and wall-clock limits; the bytes go through stdin and stdout."""
    from rxguild.core.image_worker import IMAGE_DAMAGED

    run = sandbox_run(
        "rxguild.core.image_worker",
        [sniffed, str(max_side)],
        stdin=data,
        memory_bytes=memory_bytes,
        cpu_seconds=cpu_seconds,
        wall_seconds=wall_seconds,
    )
    if run.killed_for_time:
        return ImageResult(failure=ImageFailure.TOO_LONG)
    if run.returncode == IMAGE_DAMAGED:
        return ImageResult(failure=ImageFailure.DAMAGED)
    if run.returncode != 0 or not run.stdout.startswith(b"\xff\xd8\xff"):
        # Most often a MemoryError under the address-space limit while decoding.
        return ImageResult(failure=ImageFailure.TOO_MUCH_MEMORY)
    return ImageResult(jpeg=run.stdout)
