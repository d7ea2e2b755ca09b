"""Reads shared by the parts of one page: the dashboard asks every capability for its panel
and for its next steps, and two of them (CE compliance, the roadmap's gap and plan) would
otherwise compute the same answer twice in one request.

`with shared_reads():` opens a scope (the dashboard selector does); inside it
`shared(key, compute)` computes once per key. Outside a scope it simply computes, so a
caller never depends on one being open. A context variable, not a module cache: nothing
outlives the scope or leaks between requests or threads.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")
_scope: ContextVar[dict[Hashable, object] | None] = ContextVar("shared_reads", default=None)


@contextmanager
def shared_reads() -> Iterator[None]:
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def shared(key: Hashable, compute: Callable[[], T]) -> T:
    memo = _scope.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[return-value]  # stored by this function under this key
