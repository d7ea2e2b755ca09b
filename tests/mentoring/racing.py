"""Run service calls at once, each in its own thread and database connection, released
together by a barrier: what two members clicking at the same moment do."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

# Each attempt loads what it needs, calls `ready()` (the barrier), then calls the service.
Attempt = Callable[[Callable[[], None]], None]


def race(attempts: list[Attempt]) -> tuple[list[str], list[BaseException]]:
    """(the refusals' first messages, any other error) once every attempt has run."""
    barrier = threading.Barrier(len(attempts))
    refused: list[str] = []
    errors: list[BaseException] = []

    def run(attempt: Attempt) -> None:
        try:
            attempt(lambda: barrier.wait(timeout=10))
        except ValidationError as error:
            refused.append(error.messages[0])
        except BaseException as error:  # surfaced to the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    return refused, errors
