"""One structured log record per request, with a request id echoed to the client."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from tests.accounts.factories import UserFactory

from rxguild.core.request_log import JsonFormatter

pytestmark = pytest.mark.django_db


def _records(caplog: Any) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "rxguild.request"]


def test_a_request_is_logged_once_with_its_facts(client: Any, caplog: Any) -> None:
    member = UserFactory()
    client.force_login(member)
    with caplog.at_level(logging.INFO, logger="rxguild.request"):
        response = client.get("/catalog/?q=secret-search-term")
    (record,) = _records(caplog)
    assert response["X-Request-ID"] == record.request_id
    assert len(record.request_id) == 16
    assert (record.method, record.path, record.status) == ("GET", "/catalog/", 200)
    assert record.user_id == member.pk
    assert record.duration_ms >= 0
    assert "secret-search-term" not in JsonFormatter().format(record)


def test_a_sane_request_id_from_the_proxy_is_kept(client: Any, caplog: Any) -> None:
    with caplog.at_level(logging.INFO, logger="rxguild.request"):
        kept = client.get("/catalog/", HTTP_X_REQUEST_ID="lb-1234abcd")
        replaced = client.get("/catalog/", HTTP_X_REQUEST_ID="<script>")
    assert kept["X-Request-ID"] == "lb-1234abcd"
    assert replaced["X-Request-ID"] != "<script>"
    assert len(replaced["X-Request-ID"]) == 16
    assert [r.user_id for r in _records(caplog)] == [None, None]


def test_errors_are_logged_at_warning_and_error(client: Any, caplog: Any) -> None:
    with caplog.at_level(logging.INFO, logger="rxguild.request"):
        client.get("/no-such-page/")
    (record,) = _records(caplog)
    assert (record.status, record.levelname) == (404, "WARNING")


def test_json_formatter_writes_one_line_with_the_extra_fields() -> None:
    record = logging.LogRecord("rxguild.request", logging.INFO, __file__, 1, "GET %s", ("/",), None)
    record.request_id = "abc12345"
    record.status = 200
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert (entry["message"], entry["request_id"], entry["status"]) == ("GET /", "abc12345", 200)
    assert (entry["level"], entry["logger"]) == ("INFO", "rxguild.request")
