"""Property-based fuzzing of every API operation in docs/openapi.json (schemathesis): valid and
invalid requests alike, sent by a signed-in member's token with read and write scopes, must
never get a 5xx. Bounded: a few examples per operation, derandomized so a run is repeatable,
about a minute in all; a failure prints the request as a curl command.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from tests.accounts.factories import UserFactory

from rxguild.accounts.tokens import token_create

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
SCHEMA = schemathesis.openapi.from_dict(json.loads(SCHEMA_PATH.read_text()))
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
EXAMPLES_PER_OPERATION = 6

pytestmark = pytest.mark.django_db


class InTransactionApp:
    """Django's WSGI handler as the test client runs it: without closing the database
    connection at the end of each request, which would end the test's transaction."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return list(self.handler(environ, start_response))
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


APP = InTransactionApp()


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_no_operation_answers_with_a_server_error(operation: Any) -> None:
    member = UserFactory(email="fuzz@example.org")
    secret = token_create(user=member, name="fuzz", scopes=["read", "write"]).secret
    server_errors: list[str] = []
    cases = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def send(case: Any) -> None:
        response = case.call(app=APP, headers={"Authorization": f"Bearer {secret}"})
        if response.status_code >= 500:
            server_errors.append(f"{response.status_code}: {case.as_curl_command()}")

    send()
    assert server_errors == []
