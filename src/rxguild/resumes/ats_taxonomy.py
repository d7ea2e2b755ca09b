"""The ATS engine's vocabulary: skills and credentials with every form they are written in.

Pure Python (core.factfiles, no Django). Skills and credentials come from the catalog's data files
(`data/catalog/skills.toml`, `data/catalog/credentials.toml`), which carry the sources; this
module adds only *how people write* credentials on postings and resumes
(`data/ats/credential_forms.toml`, and state forms generated in `ats_state_forms`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rxguild.core.factfiles import FactFileError, read_toml
from rxguild.resumes.ats_state_forms import state_credential_forms
from rxguild.resumes.ats_text import fold_word, normalize_text

REPO_ROOT = Path(__file__).resolve().parents[3]
CATALOG_DIR = REPO_ROOT / "data" / "catalog"
ATS_DATA_DIR = REPO_ROOT / "data" / "ats"

_WORD_RE = re.compile(r"[^\W\d_]+")
_ISSUER_SHORT_RE = re.compile(r"\(([A-Z]{2,6})\)$")
_EVERYDAY_SHORT_WORDS = frozenset(
    {
        "a",
        "am",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
        "id",
        "ad",
    }
)

SKILL = "skill"
CREDENTIAL = "credential"
# Conditions of employment (background check, driver's license): read, never scored.
REQUIREMENT = "requirement"


class TaxonomyError(ValueError):
    """A data file the engine cannot use; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    name: str
    kind: str  # SKILL or CREDENTIAL
    category: str  # the skill category, or the credential kind


@dataclass(frozen=True, slots=True)
class Form:
    """One way a term is written: its canonical name, a synonym or abbreviation."""

    term_index: int
    written: str
    canonical: bool
    # Short all-capital abbreviations ("PA", "ADC") only count when written in capitals,
    # so "pa" in prose or "Pittsburgh, PA" are not read as prior authorization.
    case_sensitive: bool
    # Capitalised words inside a longer form that are everyday words in lower case
    # ("OR pharmacy" vs "laboratory or pharmacy experience"): they must be capitals too.
    caps_words: tuple[str, ...] = ()
    # A one-word form matches only its own word, plurals aside: stems would let "ordering"
    # match "orders" and "writing" match "write". None for longer forms, which match by stems
    # ("compounded sterile preparations" is "compounding sterile preparation").
    # Two written one-word forms of one term with one stem ("restock", "restocking") each
    # count as its own word.
    whole_words: tuple[str, ...] = ()
    # Generated in the other word order (`add_word_orders`): its words must not be split by
    # punctuation ("schedules, staff" is no "staff scheduling").
    reordered: bool = False


@dataclass(slots=True)
class Taxonomy:
    terms: list[Term] = field(default_factory=list)
    forms: dict[str, Form] = field(default_factory=dict)  # normalized form -> Form
    conflicts: list[str] = field(default_factory=list)
    by_code: dict[str, int] = field(default_factory=dict)
    # code -> the codes it counts for (`data/ats/skill_links.toml`), every step followed.
    broader: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every form as the data writes it, with its term, including those that normalize to a
    # form already held ("entering prescriptions" beside "enter prescriptions").
    written: list[tuple[int, str]] = field(default_factory=list)

    def add_links(self, links: Iterable[tuple[str, str]], source: str) -> None:
        """(narrower, broader) pairs; each code must be a term, and no term may end up
        broader than itself."""
        direct: dict[str, set[str]] = {}
        for narrower, broader in links:
            for code in (narrower, broader):
                if code not in self.by_code:
                    raise TaxonomyError(f"{source}: link names unknown code {code!r}.")
            direct.setdefault(narrower, set()).add(broader)
        closed: dict[str, tuple[str, ...]] = {}
        for code in direct:
            seen: set[str] = set()
            stack = list(direct[code])
            while stack:
                step = stack.pop()
                if step == code:
                    raise TaxonomyError(f"{source}: {code!r} is broader than itself.")
                if step not in seen:
                    seen.add(step)
                    stack.extend(direct.get(step, ()))
            closed[code] = tuple(sorted(seen))
        self.broader = closed

    def narrower_of(self, codes: Iterable[str]) -> set[str]:
        """Every code that counts for one of `codes`."""
        wanted = set(codes)
        return {code for code, broader in self.broader.items() if wanted.intersection(broader)}

    def add_term(self, term: Term) -> int:
        if term.code in self.by_code:
            raise TaxonomyError(f"Duplicate code {term.code!r}.")
        self.terms.append(term)
        self.by_code[term.code] = len(self.terms) - 1
        return len(self.terms) - 1

    def add_form(self, term_index: int, written: str, *, canonical: bool) -> None:
        normalized = normalize_text(written)
        if not normalized:
            return
        self.written.append((term_index, written))
        letters = written.replace(".", "").strip()
        case_sensitive = len(letters) <= 3 and letters.isalpha() and letters.isupper()
        caps_words = tuple(
            word
            for word in _WORD_RE.findall(written)
            if word.isupper() and word.lower() in _EVERYDAY_SHORT_WORDS
        )
        words = _WORD_RE.findall(written)
        whole_words: tuple[str, ...] = (
            (fold_word(words[0]),)
            if len(words) == 1
            and " " not in normalized
            and normalized.isalpha()
            and len(normalized) > 3
            else ()
        )
        existing = self.forms.get(normalized)
        if existing is not None:
            if existing.term_index != term_index:
                # First come wins; the conflict is reported, never silently merged.
                self.conflicts.append(
                    f"{written!r} of {self.terms[term_index].code} is already a form of "
                    f"{self.terms[existing.term_index].code}"
                )
                return
            if existing.whole_words and whole_words and whole_words[0] not in existing.whole_words:
                whole_words = existing.whole_words + whole_words
            else:
                whole_words = existing.whole_words
            if canonical and not existing.canonical:
                self.forms[normalized] = Form(
                    term_index, written, True, case_sensitive, caps_words, whole_words
                )
            elif whole_words != existing.whole_words:
                self.forms[normalized] = replace(existing, whole_words=whole_words)
            return
        self.forms[normalized] = Form(
            term_index, written, canonical, case_sensitive, caps_words, whole_words
        )
        # "look-alike" is also written "lookalike": add the joined form when it is new.
        if "-" in written:
            joined = normalize_text(written.replace("-", ""))
            if joined and joined not in self.forms:
                self.forms[joined] = Form(term_index, written, False, False)


def _entries(document: Mapping[str, Any], path: Path, key: str) -> list[dict[str, Any]]:
    entries = document.get(key)
    if entries is None:
        # Accept any single list of tables (the catalog may name it differently).
        tables = [
            v for v in document.values() if isinstance(v, list) and v and isinstance(v[0], dict)
        ]
        entries = tables[0] if len(tables) == 1 else None
    if not isinstance(entries, list):
        raise TaxonomyError(f"{path.name}: expected a list of [[{key}]] entries.")
    return entries


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [item for item in value if isinstance(item, str)]
    return []


def _read(path: Path) -> dict[str, Any]:
    try:
        return read_toml(path)
    except FactFileError as exc:
        raise TaxonomyError(f"{exc}.") from exc


def add_skills(taxonomy: Taxonomy, skills: Iterable[Mapping[str, Any]], source: str) -> None:
    for position, entry in enumerate(skills, start=1):
        code, name = entry.get("code"), entry.get("name")
        if not isinstance(code, str) or not isinstance(name, str):
            raise TaxonomyError(f"{source}: skill #{position} needs a code and a name.")
        index = taxonomy.add_term(Term(code, name, SKILL, str(entry.get("category", ""))))
        taxonomy.add_form(index, name, canonical=True)
        for synonym in _strings(entry.get("synonyms")) + _strings(entry.get("abbreviations")):
            taxonomy.add_form(index, synonym, canonical=False)


def add_credentials(
    taxonomy: Taxonomy, credentials: Iterable[Mapping[str, Any]], source: str
) -> None:
    for position, entry in enumerate(credentials, start=1):
        code, name = entry.get("code"), entry.get("name")
        if not isinstance(code, str) or not isinstance(name, str):
            raise TaxonomyError(f"{source}: credential #{position} needs a code and a name.")
        index = taxonomy.add_term(Term(code, name, CREDENTIAL, str(entry.get("kind", ""))))
        taxonomy.add_form(index, name, canonical=True)
        # "PTCB Nonsterile Compounding Certificate": the issuer's short name written before the
        # credential's is part of it, not a second credential.
        issuer = _ISSUER_SHORT_RE.search(str(entry.get("issuer", "")))
        if issuer:
            taxonomy.add_form(index, f"{issuer.group(1)} {name}", canonical=False)
        for key in ("abbreviation", "abbreviations", "short_name", "synonyms", "aliases"):
            for written in _strings(entry.get(key)):
                taxonomy.add_form(index, written, canonical=False)


def add_requirements(
    taxonomy: Taxonomy, requirements: Iterable[Mapping[str, Any]], source: str
) -> None:
    for position, entry in enumerate(requirements, start=1):
        code, name = entry.get("code"), entry.get("name")
        if not isinstance(code, str) or not isinstance(name, str):
            raise TaxonomyError(f"{source}: requirement #{position} needs a code and a name.")
        index = taxonomy.add_term(Term(code, name, REQUIREMENT, "employment"))
        taxonomy.add_form(index, name, canonical=True)
        for written in _strings(entry.get("forms")):
            taxonomy.add_form(index, written, canonical=False)


def add_credential_forms(taxonomy: Taxonomy, forms: Mapping[str, Iterable[str]]) -> None:
    for code, written_forms in forms.items():
        index = taxonomy.by_code.get(code)
        if index is None:
            continue  # the catalog does not (yet) hold this credential
        for written in written_forms:
            taxonomy.add_form(index, written, canonical=False)


# Words that never take part in a reordered form: a form holding one keeps its own order.
_ORDER_STOP_WORDS = frozenset(
    {"of", "and", "or", "the", "a", "an", "for", "to", "with", "in", "on"}
)


def add_word_orders(taxonomy: Taxonomy) -> None:
    """Each two-word skill form also in the other order, with and without "of" ("medication
    reconciliation": "reconciled medications", "reconciliation of medication lists"; "sterile
    compounding": "compounding of sterile products"). Stems already fold the inflections; the
    order is the one thing they cannot. A reordered form that is already a form (of any
    term) is left out, so no written form changes owner."""
    existing = set(taxonomy.forms)
    for normalized, form in list(taxonomy.forms.items()):
        term = taxonomy.terms[form.term_index]
        words = normalized.split()
        if (
            term.kind != SKILL
            or len(words) != 2
            or form.case_sensitive
            or form.caps_words
            or not all(word.isalpha() and len(word) > 3 for word in words)
            or _ORDER_STOP_WORDS.intersection(words)
        ):
            continue
        first, second = words
        for reordered in (f"{second} {first}", f"{second} of {first}", f"{second} of the {first}"):
            if reordered not in existing:
                existing.add(reordered)
                taxonomy.forms[reordered] = Form(
                    form.term_index, form.written, False, False, reordered=True
                )


def load_taxonomy(catalog_dir: Path = CATALOG_DIR, ats_dir: Path = ATS_DATA_DIR) -> Taxonomy:
    """Skills first, then credentials, then the ATS-only written forms of credentials."""
    taxonomy = Taxonomy()
    skills_path = catalog_dir / "skills.toml"
    add_skills(taxonomy, _entries(_read(skills_path), skills_path, "skills"), skills_path.name)
    credentials_path = catalog_dir / "credentials.toml"
    if credentials_path.exists():
        document = _read(credentials_path)
        add_credentials(
            taxonomy, _entries(document, credentials_path, "credentials"), credentials_path.name
        )
    add_word_orders(taxonomy)
    forms_path = ats_dir / "credential_forms.toml"
    if forms_path.exists():
        for entry in _entries(_read(forms_path), forms_path, "forms"):
            add_credential_forms(taxonomy, {str(entry["code"]): _strings(entry.get("written"))})
    add_credential_forms(
        taxonomy,
        state_credential_forms((t.code, t.name) for t in taxonomy.terms if t.kind == CREDENTIAL),
    )
    requirements_path = ats_dir / "requirements.toml"
    if requirements_path.exists():
        document = _read(requirements_path)
        add_requirements(
            taxonomy,
            _entries(document, requirements_path, "requirements"),
            requirements_path.name,
        )
    links_path = ats_dir / "skill_links.toml"
    if links_path.exists():
        taxonomy.add_links(
            (
                (str(entry["narrower"]), str(entry["broader"]))
                for entry in _entries(_read(links_path), links_path, "links")
            ),
            links_path.name,
        )
    ignored_path = ats_dir / "ignored_forms.toml"
    if ignored_path.exists():
        for entry in _entries(_read(ignored_path), ignored_path, "ignored"):
            taxonomy.forms.pop(normalize_text(str(entry["form"])), None)
    return taxonomy
