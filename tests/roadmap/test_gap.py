"""The gap engine on worked cases from the reference (table tests) and its properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxguild.roadmap.gap import (
    CeRecord,
    EducationEntry,
    HeldCredential,
    Job,
    MemberFacts,
    PostingFacts,
    Status,
    evaluate_requirement,
    evaluate_target,
    experience_months,
    target_from_posting,
)
from rxguild.roadmap.requirements import load_requirements

DATA = load_requirements()
TODAY = dt.date(2026, 12, 3)
CPHT = HeldCredential("ptcb-cpht", "CPhT", dt.date(2027, 5, 31))
CSPT = HeldCredential("ptcb-cspt", "CSPT", dt.date(2027, 5, 31))


def years_ago(years: float) -> dt.date:
    return TODAY - dt.timedelta(days=round(365.25 * years))


def iv_room(start_years_ago: float, end_years_ago: float | None = None) -> Job:
    end = years_ago(end_years_ago) if end_years_ago is not None else None
    return Job("IV room technician", "Bayou Medical", years_ago(start_years_ago), end)


def retail(start_years_ago: float, end_years_ago: float | None = None) -> Job:
    end = years_ago(end_years_ago) if end_years_ago is not None else None
    return Job("Pharmacy technician", "Corner Drug", years_ago(start_years_ago), end,
               setting="retail-community")  # fmt: skip


def facts(**kwargs) -> MemberFacts:
    return MemberFacts(today=TODAY, **kwargs)


def statuses(gap):
    return {r.code: r.status.value for r in gap.relevant_requirements()}


CSPT_CASES = [
    pytest.param(
        facts(),
        "missing",
        "training",
        {"active-cpht": "missing", "cspt-attestation": "missing", "cspt-exam": "missing",
         "cspt-program": "missing", "cspt-experience-1y": "missing"},
        id="nothing-yet",
    ),
    pytest.param(
        facts(credentials=(CPHT,), jobs=(iv_room(4),)),
        "partly",
        "experience",
        {"active-cpht": "met", "cspt-attestation": "missing", "cspt-exam": "missing",
         "cspt-experience-3y": "met"},
        id="3-years-iv-room-pathway-2",
    ),
    pytest.param(
        facts(credentials=(CPHT,), jobs=(iv_room(1.5),), done={"cspt-program": TODAY}),
        "partly",
        "training",
        {"active-cpht": "met", "cspt-attestation": "missing", "cspt-exam": "missing",
         "cspt-program": "met", "cspt-experience-1y": "met"},
        id="program-and-1-year-pathway-1",
    ),
    pytest.param(
        facts(credentials=(CPHT,), jobs=(iv_room(9, 8.5),)),
        "partly",
        "training",
        {"active-cpht": "met", "cspt-attestation": "missing", "cspt-exam": "missing",
         "cspt-program": "missing", "cspt-experience-1y": "missing"},
        id="experience-older-than-8-years-does-not-count",
    ),
    pytest.param(
        facts(
            credentials=(CPHT,),
            jobs=(iv_room(4),),
            done={"cspt-attestation": TODAY, "cspt-exam": TODAY},
        ),
        "met",
        "experience",
        {"active-cpht": "met", "cspt-attestation": "met", "cspt-exam": "met",
         "cspt-experience-3y": "met"},
        id="all-done",
    ),
    pytest.param(
        facts(credentials=(HeldCredential("ptcb-cpht", "CPhT", dt.date(2026, 1, 31)),)),
        "missing",
        "training",
        {"active-cpht": "missing", "cspt-attestation": "missing", "cspt-exam": "missing",
         "cspt-program": "missing", "cspt-experience-1y": "missing"},
        id="expired-cpht-is-not-active",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("member", "status", "pathway", "expected"), CSPT_CASES)
def test_cspt_worked_cases(member, status, pathway, expected):
    # Reference §2.1: active CPhT; program + 1 year, or 3 years, of CSP work in the last 8 years;
    # attestation and exam.
    gap = evaluate_target(DATA.targets["ptcb-cspt"], member)
    assert gap.status.value == status
    assert gap.best_pathway.pathway.code == pathway
    assert statuses(gap) == expected


def test_partly_met_experience_says_how_much():
    gap = evaluate_requirement(DATA.requirements["cspt-experience-3y"], facts(jobs=(iv_room(1.5),)))
    assert gap.status is Status.PARTLY
    assert (gap.have, gap.need, gap.unit) == (Decimal(18), Decimal(36), "months")
    assert gap.reason == (
        "18 of 36 months in the last 8 years (IV room technician at Bayou Medical "
        "(it mentions “iv room”)); 18 to go."
    )


def test_expired_credential_reason_names_the_date():
    expired = HeldCredential("ptcb-cpht", "CPhT", dt.date(2026, 1, 31))
    gap = evaluate_requirement(DATA.requirements["active-cpht"], facts(credentials=(expired,)))
    assert gap.status is Status.MISSING
    assert gap.reason.startswith("Your CPhT expired on Jan 31, 2026")


ABCS = ["ptcb-abc-tpv", "ptcb-abc-medication-history", "ptcb-abc-hazardous-drug-management",
        "ptcb-abc-billing-reimbursement"]  # fmt: skip


def held(*codes: str) -> tuple[HeldCredential, ...]:
    return tuple(HeldCredential(code, code.removeprefix("ptcb-abc-").upper()) for code in codes)


@pytest.mark.parametrize(
    ("credentials", "status", "pathway", "certificates"),
    [
        pytest.param((CPHT, *held(*ABCS)), "met", "four-certificates", "met", id="four-abcs"),
        pytest.param((CPHT, CSPT, *held(*ABCS[:3])), "met", "three-and-cspt", "met",
                     id="three-abcs-and-cspt"),
        pytest.param((CPHT, *held(*ABCS[:3])), "partly", "four-certificates", "partly",
                     id="three-abcs-without-cspt"),
        pytest.param((CPHT,), "partly", "four-certificates", "missing", id="no-certificates"),
    ],
)  # fmt: skip
def test_cpht_adv_worked_cases(credentials, status, pathway, certificates):
    # Reference §2.2: active CPhT + 3 years in the last 8 + four ABCs, or three ABCs + CSPT.
    member = facts(credentials=credentials, jobs=(retail(5),), done={"cpht-adv-claim": TODAY})
    gap = evaluate_target(DATA.targets["ptcb-cpht-adv"], member)
    assert gap.status.value == status
    assert gap.best_pathway.pathway.code == pathway
    assert gap.best_pathway.requirements[0].status.value == certificates


def test_three_of_four_certificates_is_partly_with_names():
    member = facts(credentials=(CPHT, *held(*ABCS[:3])))
    gap = evaluate_requirement(DATA.requirements["cpht-adv-four-certificates"], member)
    assert gap.status is Status.PARTLY
    assert gap.reason == "3 of 4 (TPV, MEDICATION-HISTORY, HAZARDOUS-DRUG-MANAGEMENT); 1 to go."


def test_cpht_adv_counts_as_an_active_cpht():
    adv = HeldCredential("ptcb-cpht-adv", "CPhT-Adv", dt.date(2027, 1, 31))
    gap = evaluate_requirement(DATA.requirements["active-cpht"], facts(credentials=(adv,)))
    assert gap.status is Status.MET
    assert gap.reason == "You hold CPhT-Adv, valid until Jan 31, 2027."


def test_holding_the_target_credential_meets_it():
    gap = evaluate_target(DATA.targets["ptcb-cspt"], facts(credentials=(CSPT,)))
    assert gap.status is Status.MET
    assert gap.held == CSPT


def test_overlapping_jobs_count_once():
    requirement = DATA.requirements["cpht-adv-experience"]
    months, counted = experience_months(requirement, [retail(2), iv_room(3, 1)], TODAY)
    assert months == 36  # 3 years back to today, the overlap counted once
    assert len(counted) == 2


def test_medication_history_counts_full_time_community_work():
    # PTCB: full-time community pharmacy work "meets the spirit" of the requirement.
    gap = evaluate_requirement(
        DATA.requirements["medication-history-experience-12m"], facts(jobs=(retail(2),))
    )
    assert gap.status is Status.MET


def test_training_found_in_education_is_met_but_self_reported():
    member = facts(education=(EducationEntry("Sterile compounding certificate", "ASHP"),))
    gap = evaluate_requirement(DATA.requirements["cspt-program"], member)
    assert gap.status is Status.MET
    assert gap.self_reported is True
    assert "PTCB-recognized" in gap.reason


def test_related_ce_is_partial_progress_toward_a_program():
    record = CeRecord("USP <797> review", dt.date(2026, 3, 1), Decimal(2), "07")
    gap = evaluate_requirement(DATA.requirements["cspt-program"], facts(ce_records=(record,)))
    assert gap.status is Status.PARTLY
    assert (gap.have, gap.need) == (Decimal(2), Decimal(24))


def test_immunization_ce_window():
    old = CeRecord("Vaccines 2023", dt.date(2023, 1, 1), Decimal(2), "06")
    new = CeRecord("Vaccines 2026", dt.date(2026, 6, 1), Decimal("1.5"), "06")
    gap = evaluate_requirement(DATA.requirements["immunization-ce"], facts(ce_records=(old, new)))
    assert (gap.status, gap.have) == (Status.PARTLY, Decimal("1.5"))


def test_specialty_without_known_requirements_is_unknown_not_met():
    gap = evaluate_target(DATA.targets["specialty-pediatrics"], facts())
    assert gap.unknown is True
    assert gap.status is Status.MISSING
    assert gap.low_confidence is True


def test_specialty_includes_its_credentials():
    gap = evaluate_target(DATA.targets["specialty-oncology"], facts(credentials=(CPHT,)))
    assert [i.target.code for i in gap.included] == [
        "ptcb-cspt",
        "ptcb-abc-hazardous-drug-management",
    ]
    codes = [r.code for r in gap.relevant_requirements()]
    assert codes.count("active-cpht") == 1


def test_posting_target_required_and_preferred():
    posting = PostingFacts(
        key="abc",
        title="IV Technician",
        employer="Lone Star Health",
        url="/jobs/abc/",
        required_credentials=(("ptcb-cpht", "CPhT"),),
        preferred_credentials=(("ptcb-cspt", "CSPT"),),
        experience_months=12,
        setting="hospital-health-system",
        setting_name="Hospital / health-system pharmacy",
    )
    target = target_from_posting(posting, checked=TODAY)
    adv = HeldCredential("ptcb-cpht-adv", "CPhT-Adv")
    hospital = Job("Tech", "General", years_ago(2), setting="hospital-health-system")
    gap = evaluate_target(target, facts(credentials=(adv,), jobs=(hospital,)))
    # The preferred CSPT is missing but does not decide the status.
    assert gap.status is Status.MET
    assert statuses(gap) == {
        "posting-abc-credential-ptcb-cpht": "met",
        "posting-abc-preferred-ptcb-cspt": "missing",
        "posting-abc-experience": "met",
    }


# --- properties -------------------------------------------------------------------------

CODES = sorted(DATA.credential_codes())
SETTINGS = ["retail-community", "hospital-health-system", "compounding-sterile", "nuclear", ""]
TITLES = ["Pharmacy technician", "IV room technician", "Billing specialist", "Nuclear tech"]
REQUIREMENT_CODES = sorted(DATA.requirements)

dates = st.dates(min_value=dt.date(2010, 1, 1), max_value=TODAY)
credential = st.builds(
    HeldCredential,
    code=st.sampled_from(CODES),
    name=st.just("X"),
    expires_on=st.one_of(st.none(), st.dates(dt.date(2025, 1, 1), dt.date(2029, 1, 1))),
)
job = st.builds(
    lambda start, months, setting, title, current: Job(
        title, "Employer", start,
        None if current else min(start + dt.timedelta(days=30 * months), TODAY), setting=setting,
    ),
    dates, st.integers(0, 120), st.sampled_from(SETTINGS), st.sampled_from(TITLES), st.booleans(),
)  # fmt: skip
record = st.builds(
    CeRecord,
    title=st.just("CE"),
    completed_on=dates,
    hours=st.decimals(min_value=0, max_value=10, places=1),
    topic_code=st.sampled_from(["01", "03", "05", "06", "07", ""]),
    tags=st.frozensets(st.sampled_from(["sterile_compounding", "immunization"]), max_size=2),
)
education = st.builds(
    EducationEntry,
    program=st.sampled_from(["Pharmacy technician program", "Sterile compounding", "Billing"]),
)
member_facts = st.builds(
    MemberFacts,
    today=st.just(TODAY),
    credentials=st.lists(credential, max_size=5).map(tuple),
    jobs=st.lists(job, max_size=4).map(tuple),
    ce_records=st.lists(record, max_size=6).map(tuple),
    education=st.lists(education, max_size=2).map(tuple),
    done=st.dictionaries(st.sampled_from(REQUIREMENT_CODES), st.just(TODAY), max_size=4),
)
additions = st.one_of(
    credential.map(lambda c: ("credentials", c)),
    job.map(lambda j: ("jobs", j)),
    record.map(lambda r: ("ce_records", r)),
    education.map(lambda e: ("education", e)),
    st.sampled_from(REQUIREMENT_CODES).map(lambda c: ("done", c)),
)


def add(member: MemberFacts, addition) -> MemberFacts:
    field, value = addition
    if field == "done":
        return MemberFacts(**{**member.__dict__, "done": {**member.done, value: TODAY}})
    return MemberFacts(**{**member.__dict__, field: (*getattr(member, field), value)})


@given(member=member_facts, addition=additions, target=st.sampled_from(sorted(DATA.targets)))
def test_adding_a_fact_never_lowers_any_status(member, addition, target):
    before = evaluate_target(DATA.targets[target], member)
    after = evaluate_target(DATA.targets[target], add(member, addition))
    assert after.status.rank >= before.status.rank
    after_by_code = {r.code: r for r in after.relevant_requirements()}
    for pathway_before, pathway_after in zip(before.pathways, after.pathways, strict=True):
        assert pathway_after.status.rank >= pathway_before.status.rank
        for r_before, r_after in zip(
            pathway_before.requirements, pathway_after.requirements, strict=True
        ):
            assert r_after.status.rank >= r_before.status.rank, r_before.code
    for r_before in before.requirements:
        assert after_by_code[r_before.code].status.rank >= r_before.status.rank


@given(member=member_facts, target=st.sampled_from(sorted(DATA.targets)))
def test_every_requirement_has_a_reason_and_met_means_all_met(member, target):
    gap = evaluate_target(DATA.targets[target], member)
    for requirement in gap.relevant_requirements():
        assert requirement.reason
    if gap.status is Status.MET:
        assert fully_met(gap)


def fully_met(gap) -> bool:
    if gap.held is not None:
        return True
    own = [*gap.requirements, *(gap.best_pathway.requirements if gap.best_pathway else ())]
    return all(r.status is Status.MET for r in own if not r.requirement.optional) and all(
        fully_met(i) for i in gap.included
    )
