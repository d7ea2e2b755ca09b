"""`shared_reads`: one computation per key inside a scope, none kept outside it."""

from __future__ import annotations

from rxguild.core.shared_reads import shared, shared_reads


def test_computes_once_per_key_inside_a_scope_and_every_time_outside() -> None:
    calls: list[str] = []

    def compute(name: str) -> str:
        calls.append(name)
        return name.upper()

    assert shared("a", lambda: compute("a")) == "A"
    assert shared("a", lambda: compute("a")) == "A"
    assert calls == ["a", "a"]
    calls.clear()
    with shared_reads():
        assert shared("a", lambda: compute("a")) == "A"
        assert shared("a", lambda: compute("a")) == "A"
        assert shared("b", lambda: compute("b")) == "B"
    assert calls == ["a", "b"]
    calls.clear()
    with shared_reads():
        shared("a", lambda: compute("a"))
    assert calls == ["a"]  # a new scope starts empty
