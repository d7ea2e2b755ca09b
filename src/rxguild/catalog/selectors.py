"""Reads of the reference catalog, shared by the pages and the JSON API.

The catalog is public reference data: anyone, signed in or not, may read every row, so these
selectors take no viewer. Staff change it through the data files or the Django admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from rxguild.accounts.viewer import Viewer
from rxguild.catalog.models import (
    Confidence,
    Credential,
    DataFileLoad,
    PracticeSetting,
    Skill,
    Specialization,
    Wage,
)
from rxguild.ce.cycles import describe_expiry
from rxguild.ce.jurisdictions import (
    JURISDICTION_NAMES,
    Fact,
    Jurisdiction,
    JurisdictionCredential,
    load_jurisdictions,
    stale_facts,
)
from rxguild.ce.jurisdictions import facts as jurisdiction_facts
from rxguild.ce.rules import RuleSet
from rxguild.ce.selectors import CredentialStatus, compliance_for_member
from rxguild.ce.selectors import rule_sets as ce_rule_sets
from rxguild.ce.state_summary import rule_set_summary

# Kept word for word in data/catalog/skills.toml (`attribution`); a test checks the two agree.
# Wording from the O*NET database licence page (https://www.onetcenter.org/license_db.html).
ONET_ATTRIBUTION = (
    "This page includes information from the O*NET 29.2 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA. RxGuild has modified all or some of this information. "
    "USDOL/ETA has not approved, endorsed, or tested these modifications."
)

# Members are told to confirm these with the issuing body before relying on them.
UNSURE_CONFIDENCES = frozenset({Confidence.LOW.value, Confidence.UNVERIFIED.value})

_CODE_ONLY = Credential.objects.only("id", "code", "abbreviation", "name")


def credential_list(*, kind: str | None = None, state: str | None = None) -> QuerySet[Credential]:
    credentials = Credential.objects.prefetch_related(Prefetch("requires", queryset=_CODE_ONLY))
    if kind:
        credentials = credentials.filter(kind=kind)
    if state:
        credentials = credentials.filter(state=state.upper())
    return credentials


def credential_get(*, code: str) -> Credential:
    return get_object_or_404(credential_list(), code=code)


def practice_setting_list() -> QuerySet[PracticeSetting]:
    return PracticeSetting.objects.prefetch_related(
        Prefetch("typical_credentials", queryset=_CODE_ONLY)
    )


def specialization_list() -> QuerySet[Specialization]:
    return Specialization.objects.prefetch_related(
        Prefetch("typical_credentials", queryset=_CODE_ONLY),
        Prefetch("settings", queryset=PracticeSetting.objects.only("id", "code", "name")),
    )


def skill_search(*, category: str | None = None, q: str | None = None) -> QuerySet[Skill]:
    """Skills by category and/or a phrase found in the name or any synonym (case-insensitive).

    Synonyms live in a JSON list; `icontains` on a JSONField compares against its text form on
    both SQLite and PostgreSQL, which is enough for ~350 short rows and keeps one code path.
    """
    skills = Skill.objects.all()
    if category:
        skills = skills.filter(category=category)
    phrase = " ".join((q or "").split())
    if phrase:
        skills = skills.filter(Q(name__icontains=phrase) | Q(synonyms__icontains=phrase))
    return skills


def wage_list(*, area: str | None = None) -> QuerySet[Wage]:
    """Rows by area; within a state, its own rows before its metropolitan areas' rows."""
    wages = Wage.objects.order_by("area", "msa_code", "setting", "period")
    if area:
        wages = wages.filter(area=area.upper())
    return wages


def data_file_versions() -> list[DataFileLoad]:
    return list(DataFileLoad.objects.order_by("name"))


# --- jurisdictions (state pages) -------------------------------------------------------------
# Read from the CE data files (data/ce/jurisdictions, data/ce/rule_sets), not the database: the
# files are the source of truth and are read once per process, so these pages run no queries.

_CONFIDENCE_ORDER = {"unverified": 0, "low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True)
class StateCredential:
    credential: JurisdictionCredential
    rule_set: RuleSet | None
    summary: list[str]
    expiry: str
    cycle: str


@dataclass(frozen=True)
class StateEntry:
    code: str
    name: str
    jurisdiction: Jurisdiction | None
    credentials: list[StateCredential]
    facts: list[Fact]

    @property
    def researched(self) -> bool:
        return self.jurisdiction is not None

    @property
    def oldest_checked(self) -> date | None:
        return min((f.checked for f in self.facts), default=None)

    @property
    def weakest_confidence(self) -> str:
        if not self.facts:
            return "unverified"
        return min((f.confidence for f in self.facts), key=_CONFIDENCE_ORDER.__getitem__)

    @property
    def low_confidence(self) -> bool:
        return self.weakest_confidence in UNSURE_CONFIDENCES

    @property
    def ce_status(self) -> str:
        """One phrase for the list page."""
        if self.jurisdiction is None:
            return "Not yet researched: confirm with the board"
        if not self.jurisdiction.regulates_technicians:
            return "Does not register technicians: no state CE required"
        with_rules = [c.rule_set for c in self.credentials if c.rule_set is not None]
        if with_rules and all(rs.no_state_ce for rs in with_rules):
            return "No state CE required"
        if any(rs.requirements for rs in with_rules):
            return "State CE required"
        return "CE not confirmed: confirm with the board"


def _cycle_text(rule_set: RuleSet) -> str:
    years = {12: "every year", 24: "every 2 years", 36: "every 3 years"}[rule_set.cycle_months]
    return f"Renews {years}"


@lru_cache(maxsize=1)
def _state_entries() -> tuple[StateEntry, ...]:
    known = ce_rule_sets()
    jurisdictions = load_jurisdictions(rule_sets=known)
    entries: list[StateEntry] = []
    for code, name in sorted(JURISDICTION_NAMES.items(), key=lambda item: item[1]):
        jurisdiction = jurisdictions.get(code)
        credentials: list[StateCredential] = []
        facts: list[Fact] = []
        if jurisdiction is not None:
            facts = list(jurisdiction_facts({code: jurisdiction}, known))
            for credential in jurisdiction.credentials:
                rule_set = known.get(credential.rule_set) if credential.rule_set else None
                credentials.append(
                    StateCredential(
                        credential=credential,
                        rule_set=rule_set,
                        summary=rule_set_summary(rule_set) if rule_set else [],
                        expiry=describe_expiry(rule_set.expiry) if rule_set else "",
                        cycle=_cycle_text(rule_set) if rule_set else "",
                    )
                )
        entries.append(StateEntry(code, name, jurisdiction, credentials, facts))
    return tuple(entries)


def state_list() -> list[StateEntry]:
    """Every state, DC and Puerto Rico, by name (researched or not)."""
    return list(_state_entries())


def member_state_statuses(
    member: Viewer, entry: StateEntry, *, today: date
) -> list[CredentialStatus]:
    """The signed-in member's own status for this jurisdiction's credentials they hold (next
    expiry worked out from the board's rule where they entered none, or what is missing to
    work it out). Two queries (ce.selectors.compliance_for_member); none when signed out."""
    codes = {item.credential.code for item in entry.credentials}
    if not codes or not member.is_authenticated:
        return []
    return [
        status
        for status in compliance_for_member(member, today=today)
        if status.credential_code in codes
    ]


def state_get(*, code: str) -> StateEntry:
    for entry in _state_entries():
        if entry.code == code.upper():
            return entry
    raise Http404("No such jurisdiction")


def facts_to_review(
    *, today: date, older_than_days: int | None = None, confidence: str | None = None
) -> list[Fact]:
    """Facts for staff to re-check: oldest check first, and within a date the least sure first.

    ``older_than_days`` keeps only facts checked more than that many days before ``today``;
    ``confidence`` keeps one confidence level ("low" also keeps "unverified").
    """
    all_facts = [fact for entry in _state_entries() for fact in entry.facts]
    if older_than_days is not None:
        all_facts = stale_facts(all_facts, today=today, older_than_days=older_than_days)
    if confidence:
        wanted = {"low", "unverified"} if confidence == "low" else {confidence}
        all_facts = [fact for fact in all_facts if fact.confidence in wanted]
    return sorted(
        all_facts,
        key=lambda f: (f.checked, _CONFIDENCE_ORDER[f.confidence], f.jurisdiction, f.where),
    )
