"""Property tests (hypothesis) of the compliance engine over every shipped rule set."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rxguild.ce.compliance import (
    CeRecordInput,
    ComplianceResult,
    Cycle,
    RuleSet,
    TranscriptIndex,
    evaluate,
    evaluate_many,
    record_matches,
)
from rxguild.ce.rules import RECORD_KINDS

from .helpers import rule_sets

ZERO = Decimal(0)
CYCLE = Cycle(start=date(2024, 6, 1), end=date(2026, 5, 31))
TAG_CHOICES = [
    "pharmacy_law",
    "patient_safety",
    "medication_errors",
    "human_trafficking",
    "implicit_bias",
    "cultural_competency",
    "health_equity",
    "sterile_compounding",
    "state_law:tx",
    "state_law:oh",
]

record_fields = st.fixed_dictionaries(
    {
        "completed_on": st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 6, 30)),
        "hours": st.integers(0, 40).map(lambda quarter: Decimal(quarter) / 4),
        "audience": st.sampled_from(["T", "P", None]),
        "topic_code": st.sampled_from([None, "01", "03", "04", "05", "07", "08"]),
        "format": st.sampled_from(["L", "H", "B", None]),
        "kind": st.sampled_from(RECORD_KINDS),
        "tags": st.frozensets(st.sampled_from(TAG_CHOICES), max_size=3),
    }
)


def make_records(fields: list[dict]) -> list[CeRecordInput]:
    return [
        CeRecordInput(id=f"r{index:03d}", title=f"Activity {index}", **values)
        for index, values in enumerate(fields)
    ]


transcripts = st.lists(record_fields, max_size=25).map(make_records)
rule_set_codes = st.sampled_from(sorted(rule_sets()))
cycles = st.builds(
    lambda start, months, first, reinstatement: Cycle(
        start=start,
        end=start + timedelta(days=30 * months),
        first_cycle=first,
        reinstatement=reinstatement,
    ),
    st.dates(min_value=date(2023, 6, 1), max_value=date(2025, 6, 1)),
    st.sampled_from([12, 24, 36]),
    st.booleans(),
    st.booleans(),
)


def requirement_results(result: ComplianceResult, rule_set: RuleSet):
    # A required national certification adds one result after the rule set's requirements.
    extra = (
        1
        if rule_set.national_certification and rule_set.national_certification.effect == "required"
        else 0
    )
    assert len(result.requirements) == len(rule_set.requirements) + extra
    return zip(
        rule_set.requirements, result.requirements[: len(rule_set.requirements)], strict=True
    )


@settings(max_examples=150, deadline=None)
@given(code=rule_set_codes, records=transcripts, cycle=cycles)
def test_counts_are_consistent(code: str, records: list[CeRecordInput], cycle: Cycle) -> None:
    rule_set = rule_sets()[code]
    result = evaluate(rule_set, records, cycle)
    by_id = {r.id: r for r in records}
    assert result.met == all(r.met for r in result.requirements)
    for requirement, outcome in requirement_results(result, rule_set):
        assert outcome.remaining == max(ZERO, outcome.required - outcome.counted)
        assert outcome.met == (outcome.remaining == ZERO)
        assert outcome.counted >= ZERO
        assert len(set(outcome.counted_records)) == len(outcome.counted_records)
        assert set(outcome.counted_records) <= set(by_id)
        assert {e.record_id for e in outcome.excluded} <= set(by_id)
        assert all(e.reason for e in outcome.excluded)
        if outcome.unit == "hours":
            # Never more than the hours of the records it says it counted.
            # (plus hours carried over from the previous cycle, which name no record here).
            counted_here = outcome.counted - outcome.carried_over
            assert counted_here <= sum((by_id[i].hours for i in outcome.counted_records), ZERO)
        else:
            assert outcome.counted == len(outcome.counted_records)
        if requirement.window != "ever":
            for record_id in outcome.counted_records:
                assert cycle.start <= by_id[record_id].completed_on <= cycle.end


@settings(max_examples=150, deadline=None)
@given(
    code=rule_set_codes,
    records=transcripts,
    cycle=cycles,
    order=st.randoms(use_true_random=False),
)
def test_evaluation_is_order_independent(
    code: str, records: list[CeRecordInput], cycle: Cycle, order
) -> None:
    shuffled = list(records)
    order.shuffle(shuffled)
    rule_set = rule_sets()[code]
    assert evaluate(rule_set, shuffled, cycle) == evaluate(rule_set, records, cycle)


@settings(max_examples=150, deadline=None)
@given(code=rule_set_codes, records=transcripts, extra=record_fields)
def test_adding_a_record_never_decreases_uncapped_hours(
    code: str, records: list[CeRecordInput], extra: dict
) -> None:
    rule_set = rule_sets()[code]
    added = CeRecordInput(id="zz-extra", title="Extra", **extra)
    before = evaluate(rule_set, records, CYCLE)
    after = evaluate(rule_set, [*records, added], CYCLE)
    for (requirement, old), (_, new) in zip(
        requirement_results(before, rule_set), requirement_results(after, rule_set), strict=True
    ):
        if requirement.kind == "training" or not (rule_set.caps or requirement.caps):
            assert new.counted >= old.counted, requirement.code


@settings(max_examples=100, deadline=None)
@given(code=rule_set_codes, records=transcripts)
def test_records_outside_the_cycle_never_count(code: str, records: list[CeRecordInput]) -> None:
    rule_set = rule_sets()[code]
    outside = [
        CeRecordInput(
            id=f"out-{r.id}",
            title=r.title,
            completed_on=(CYCLE.start - timedelta(days=1 + i))
            if i % 2
            else (CYCLE.end + timedelta(days=1 + i)),
            hours=r.hours,
            audience=r.audience,
            topic_code=r.topic_code,
            format=r.format,
            kind=r.kind,
            tags=r.tags,
        )
        for i, r in enumerate(records)
    ]
    inside_only = [r for r in records if CYCLE.start <= r.completed_on <= CYCLE.end]
    with_outside = evaluate(rule_set, [*inside_only, *outside], CYCLE)
    baseline = evaluate(rule_set, inside_only, CYCLE)
    for requirement, old, new in zip(
        rule_set.requirements, baseline.requirements, with_outside.requirements, strict=True
    ):
        if requirement.window == "ever":
            continue
        assert new.counted == old.counted
        assert new.counted_records == old.counted_records
        assert not any(i.startswith("out-") for i in new.counted_records)


@settings(max_examples=100, deadline=None)
@given(records=transcripts)
def test_capped_hours_never_exceed_caps(records: list[CeRecordInput]) -> None:
    """PTCB: at most 5 P hours, 10 college hours and no in-service hours reach the total."""
    result = evaluate(rule_sets()["ptcb-cpht"], records, CYCLE)
    total = result.requirements[0]
    by_id = {r.id: r for r in records}
    in_cycle = [by_id[i] for i in total.counted_records]
    assert not any(r.kind == "in_service" for r in in_cycle)
    assert total.counted <= sum(
        (r.hours for r in records if CYCLE.start <= r.completed_on <= CYCLE.end), ZERO
    )
    p_hours = sum((r.hours for r in in_cycle if r.audience == "P"), ZERO)
    college_hours = sum((r.hours for r in in_cycle if r.kind == "college"), ZERO)
    # Partially counted records make the raw sums an upper bound, so compare the surplus.
    non_capped = sum((r.hours for r in in_cycle if r.audience != "P" and r.kind != "college"), ZERO)
    assert total.counted - non_capped <= Decimal(15)
    assert min(p_hours, Decimal(5)) + min(college_hours, Decimal(10)) >= (
        total.counted - non_capped
    )


@settings(max_examples=60, deadline=None)
@given(records=transcripts, cycle=cycles)
def test_evaluate_many_matches_separate_evaluations(
    records: list[CeRecordInput], cycle: Cycle
) -> None:
    credentials = [(rs, cycle) for rs in rule_sets().values()]
    assert evaluate_many(credentials, records) == tuple(
        evaluate(rs, records, c) for rs, c in credentials
    )


@settings(max_examples=60, deadline=None)
@given(
    fields=st.lists(record_fields, min_size=2, max_size=8),
    order=st.randoms(use_true_random=False),
)
def test_duplicate_ids_on_one_day_do_not_make_order_matter(fields: list[dict], order) -> None:
    # Same id and date for every record: only the full sort key can order them.
    same = [
        CeRecordInput(id="dup", title="Dup", **{**values, "completed_on": date(2025, 1, 1)})
        for values in fields
    ]
    shuffled = list(same)
    order.shuffle(shuffled)
    rule_set = rule_sets()["ptcb-cpht"]
    assert evaluate(rule_set, shuffled, CYCLE) == evaluate(rule_set, same, CYCLE)


@settings(max_examples=100, deadline=None)
@given(records=transcripts, code=rule_set_codes)
def test_index_buckets_agree_with_the_reference_match(
    records: list[CeRecordInput], code: str
) -> None:
    index = TranscriptIndex(records)
    rule_set = rule_sets()[code]
    matches = [r.match for r in rule_set.requirements]
    matches += [cap.match for cap in rule_set.caps]
    matches += [cap.match for r in rule_set.requirements for cap in r.caps]
    for match in matches:
        expected = [r for r in index.ordered if record_matches(match, r, check_audience=False)]
        assert index.relevant(match) == expected
        assert index.matching_ids(match) == {
            id(r) for r in index.ordered if record_matches(match, r)
        }
