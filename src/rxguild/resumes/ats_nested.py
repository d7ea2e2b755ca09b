"""Skills written inside a longer skill's form: the scan takes the longest form at each place,
so what a longer form holds is read here. Pure Python, no Django.

- A skill form of four words or more holds the other skills written in it: "USP <797> sterile
  compounding standard" is the standard and sterile compounding, while a product's name of
  three ("Pyxis CII Safe") names no second product.
- A skill form of two or three words holds a named product or standard of another kind
  written in it: "document in Epic" is documentation and Epic, "refilling Pyxis" cabinet
  restocking and Pyxis; "Epic Willow" names no second Epic (one kind of thing).
"""

from __future__ import annotations

from typing import Any

from rxguild.resumes.ats_forms import FormInfo
from rxguild.resumes.ats_taxonomy import SKILL, Form

NESTED_MIN_WORDS = 4


def is_name_form(normalized: str, form: Form, kind: str) -> bool:
    """A one-word skill form written with a capital that is not the term's own name: a
    product or a named standard ("Epic", "Pyxis", "HIPAA"), not a heading-cased name."""
    return (
        kind == SKILL
        and " " not in normalized
        and not form.canonical
        and not form.case_sensitive
        and form.written[:1].isupper()
    )


def with_inner_names(key: str, info: FormInfo, names: dict[str, FormInfo]) -> FormInfo:
    """`info` with the names of another kind its words hold (`key`: the form's word codes),
    for a skill form of two or three words; worked out once, when the automaton is built."""
    words = len(key) // 2
    if info.kind != SKILL or not 2 <= words < NESTED_MIN_WORDS:
        return info
    inner = tuple(
        (offset, name)
        for offset in range(words)
        if (name := names.get(key[2 * offset : 2 * offset + 2])) is not None
        and name.code != info.code
        and name.category != info.category
    )
    return info._replace(inner_names=inner) if inner else info


def nested_matches(
    automaton: Any, string: str, chosen: list[tuple[int, int, FormInfo]]
) -> list[tuple[int, int, FormInfo]]:
    """(first token, last token + 1, form) of the skills inside the chosen matches. The
    longest inner match at each start counts, as in the scan itself."""
    found: list[tuple[int, int, FormInfo]] = []
    for first, last, outer in chosen:
        if outer.inner_names:
            found.extend(
                (first + offset, first + offset + 1, name) for offset, name in outer.inner_names
            )
            continue
        # A credential's name holds generic words of other terms ("Texas pharmacy
        # technician registration" is no separate "technician registration").
        if outer.kind != SKILL or last - first < NESTED_MIN_WORDS:
            continue
        longest: dict[int, tuple[int, FormInfo]] = {}
        for end, (before, minus_count, info) in automaton.iter(string, 2 * first, 2 * last):
            inner_first = (end >> 1) - before  # `iter` reports positions in `string`
            if -minus_count >= last - first or info.code == outer.code or info.kind != SKILL:
                continue
            current = longest.get(inner_first)
            if current is None or minus_count < current[0]:
                longest[inner_first] = (minus_count, info)
        found.extend(
            (inner_first, inner_first - minus_count, info)
            for inner_first, (minus_count, info) in longest.items()
        )
    return found
