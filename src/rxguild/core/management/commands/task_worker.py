"""`manage.py task_worker`: django-tasks' database worker (`db_worker`, same options) that
outlives a lost database connection.

`db_worker` exits on the first error from a connection PostgreSQL ended (a restart, a
failover, pg_terminate_backend): under `make serve` that stopped the whole site, and under
systemd the worker sat out the restart delay. Here the worker drops its connections, waits a
moment and goes on; the task in hand when the connection went is left to its own retry (the
email queue's `email_retry` sends a claimed email again after 10 minutes). SIGTERM still stops
it after the task in hand, as db_worker does. Tested in tests/core/test_db_restart.py.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

logger = logging.getLogger("rxguild.tasks")

RECONNECT_SECONDS = 1.0


class Command(DbWorkerCommand):
    help = "Run the database task worker; a lost database connection is reconnected, not fatal."

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            try:
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError):
                logger.warning(
                    "task worker lost its database connection; reconnecting", exc_info=True
                )
                connections.close_all()
                time.sleep(RECONNECT_SECONDS)
