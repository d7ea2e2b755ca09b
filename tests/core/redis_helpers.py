"""The real Redis the CI script starts (127.0.0.1:6379, database 7 unless RXGUILD_TEST_REDIS_URL
says otherwise). Each test takes its own key prefix and queue name, so parallel test processes
never see each other's keys and nothing is flushed."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis
from django_tasks import task

REDIS_URL = os.environ.get("RXGUILD_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def redis_client() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:  # pragma: no cover  (CI starts Redis: .ci/run)
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL} (CI starts one; `redis-server` to run these)")
    return client


@contextmanager
def redis_namespace() -> Iterator[str]:
    """A fresh prefix; every key under it is deleted afterwards."""
    client = redis_client()
    prefix = f"rxtest{secrets.token_hex(6)}"
    try:
        yield prefix
    finally:
        keys = list(client.scan_iter(match=f"*{prefix}*"))
        if keys:
            client.delete(*keys)


@task()
def add_numbers(first: int, second: int) -> int:
    return first + second
