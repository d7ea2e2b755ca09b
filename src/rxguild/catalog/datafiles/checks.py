"""Checks across the catalog files: references between them, and one skill per phrase."""

from __future__ import annotations

from collections.abc import Mapping

from rxguild.catalog.datafiles.entries import DataFile, normalize_term
from rxguild.core.factfiles import FactProblem


def check_references(data: Mapping[str, DataFile | None], problems: list[FactProblem]) -> None:
    def codes(name: str) -> set[str] | None:
        file = data.get(name)
        return None if file is None else {e.code for e in file.entries}

    credential_codes = codes("credentials.toml")
    setting_codes = codes("practice_settings.toml")

    def check(file_name: str, attr: str, known: set[str] | None, what: str) -> None:
        file = data.get(file_name)
        if file is None or known is None:
            return  # the unreadable file is already reported
        for position, entry in enumerate(file.entries, start=1):
            for ref in getattr(entry, attr):
                if ref not in known:
                    problems.append(
                        FactProblem(
                            file_name,
                            f"#{position} '{entry.code}'",
                            attr,
                            f"unknown {what} '{ref}'",
                        )
                    )

    check("credentials.toml", "requires", credential_codes, "credential")
    check("practice_settings.toml", "typical_credentials", credential_codes, "credential")
    check("specializations.toml", "typical_credentials", credential_codes, "credential")
    check("specializations.toml", "settings", setting_codes, "practice setting")
    credentials = data.get("credentials.toml")
    if credentials is not None:
        for position, entry in enumerate(credentials.entries, start=1):
            if entry.code in entry.requires:
                problems.append(
                    FactProblem(
                        "credentials.toml",
                        f"#{position} '{entry.code}'",
                        "requires",
                        "a credential cannot require itself",
                    )
                )


def check_synonyms(skills: DataFile, problems: list[FactProblem]) -> None:
    """A phrase (name or synonym) must point to exactly one skill, or ATS matching is ambiguous."""
    # Keyed by position, not code, so a duplicated code cannot hide a shared phrase.
    owner: dict[str, tuple[int, str]] = {}
    for position, entry in enumerate(skills.entries, start=1):
        label = f"#{position} '{entry.code}'"
        own: set[str] = set()
        for field_name, term in [("name", entry.name), *(("synonyms", s) for s in entry.synonyms)]:
            key = normalize_term(term)
            if not key:
                continue
            if key in own:
                if field_name == "synonyms":
                    problems.append(
                        FactProblem(skills.name, label, field_name, f"'{term}' is listed twice")
                    )
                continue
            own.add(key)
            other = owner.get(key)
            if other is not None:
                problems.append(
                    FactProblem(
                        skills.name,
                        label,
                        field_name,
                        f"duplicate synonym '{term}' (already used by skill '{other[1]}')",
                    )
                )
            else:
                owner[key] = (position, entry.code)
