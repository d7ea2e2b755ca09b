"""`make serve`: RxGuild as production runs it, on one machine.

Starts the app server (gunicorn with gunicorn.conf.py) and one task worker (`manage.py
task_worker`: django-tasks' db_worker, which here outlives a lost database connection) side
by side, after `make serve` has applied migrations and collected static files.
SIGTERM or Ctrl-C is passed to both, which finish what they are doing (gunicorn waits up to
its graceful_timeout for requests in flight); if either stops by itself, the other is stopped
too and the exit status says so. On a real server, systemd runs the two as separate units
(README, "Production"); this script is the same two commands for a single terminal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def worker_command(python: str, env: dict[str, str]) -> list[str]:
    """The task worker for the configured queue: RQ on Redis when REDIS_URL is set (unless
    TASKS_BACKEND says otherwise), else the database queue. Mirrors settings.TASKS."""
    backend = env.get("TASKS_BACKEND") or (
        "django_tasks_rq.RQBackend" if env.get("REDIS_URL") else "django_tasks_db.DatabaseBackend"
    )
    if backend == "django_tasks_rq.RQBackend":
        return [
            python,
            "manage.py",
            "rqworker",
            "default",
            "--job-class",
            "django_tasks_rq.Job",
            "--with-scheduler",
        ]
    return [python, "manage.py", "task_worker"]


def main() -> int:
    python = sys.executable
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rxguild.settings"}
    env.setdefault("LOG_REQUESTS", "1")
    env.setdefault("LOG_FORMAT", "json")
    env.setdefault("DEBUG", "0")
    commands = {
        "web": [python, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")],
        "worker": worker_command(python, env),
    }
    if env.get("TASKS_BACKEND", "").endswith("ImmediateBackend"):
        del commands["worker"]  # tasks run inside the request: no queue to work
    children = {
        name: subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603  (our own commands)
        for name, command in commands.items()
    }
    asked_to_stop = False

    def stop_all() -> None:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal asked_to_stop
        asked_to_stop = True
        stop_all()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    while not asked_to_stop and all(child.poll() is None for child in children.values()):
        time.sleep(0.2)
    if not asked_to_stop:
        for name, child in children.items():
            if child.poll() is not None:
                print(f"serve: {name} exited with status {child.returncode}", file=sys.stderr)
        stop_all()
    for child in children.values():
        child.wait()
    clean = all(child.returncode in (0, -signal.SIGTERM) for child in children.values())
    return 0 if asked_to_stop and clean else 1


if __name__ == "__main__":
    raise SystemExit(main())
