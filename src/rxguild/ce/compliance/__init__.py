"""CE compliance engine: evaluate a transcript against a credential's rule set for one cycle.

Pure engine (no Django import). Requirements are data (``data/ce/rule_sets/*.toml``, loaded and
validated by :mod:`rxguild.ce.rules`); this module applies them.

How a record is judged for one requirement, in this order (the first failing step is the reason
given to the member):
1. relevance: does it match the requirement's topics/tags, kinds and formats? Irrelevant records
   are simply not listed (a pharmacy-law requirement does not "exclude" an immunization course);
2. date: inside the cycle (or the requirement's narrower window, or ever for one-time trainings);
3. audience: e.g. a P-specific activity for a "technician-specific hours" requirement;
4. caps: rule-set caps (P hours max 5, college max 10, in-service 0) and the requirement's own.

Caps are applied greedily to records in a fixed order (completion date, then id), so the result
never depends on the order of the input. A record that only partly fits under a cap counts for
the part that fits and the rest is explained. Caps are applied per requirement over the records
relevant to that requirement; we do not search for the globally best allocation of capped hours
across requirements, because members need a rule they can follow by hand.

One record may count toward several requirements at once (a 1 h T-specific law course counts for
the total, the technician hours and the law hour), which is how PTCB and the boards count.

Speed: a member's transcript is sorted and bucketed (by kind, topic and tag) once in a
:class:`TranscriptIndex`; each requirement then visits only its candidate records and finds its
date window by bisection. ``evaluate_many`` shares one index across a member's credentials.
``record_matches`` is the one-record reference meaning of a match that the index must agree with
(property-tested). ``benchmarks/bench_ce_engine.py`` compares against a naive re-scan.
"""

from __future__ import annotations

from rxguild.ce.compliance.dates import (
    CPE_MONITOR_FILE as CPE_MONITOR_FILE,
)
from rxguild.ce.compliance.dates import (
    _cpe_monitor_claim_days as _cpe_monitor_claim_days,
)
from rxguild.ce.compliance.dates import (
    _date_reason as _date_reason,
)
from rxguild.ce.compliance.dates import (
    _window_start as _window_start,
)
from rxguild.ce.compliance.dates import (
    add_months as add_months,
)
from rxguild.ce.compliance.dates import (
    cpe_monitor_deadline as cpe_monitor_deadline,
)
from rxguild.ce.compliance.dates import (
    cycle_for as cycle_for,
)
from rxguild.ce.compliance.dates import (
    first_renewal_tier as first_renewal_tier,
)
from rxguild.ce.compliance.dates import (
    months_registered as months_registered,
)
from rxguild.ce.compliance.dates import (
    reinstatement_cycle as reinstatement_cycle,
)
from rxguild.ce.compliance.dates import (
    reinstatement_deadline as reinstatement_deadline,
)
from rxguild.ce.compliance.dates import (
    rule_set_for as rule_set_for,
)
from rxguild.ce.compliance.engine import (
    _apply_caps as _apply_caps,
)
from rxguild.ce.compliance.engine import (
    _deadline as _deadline,
)
from rxguild.ce.compliance.engine import (
    _evaluate_requirement as _evaluate_requirement,
)
from rxguild.ce.compliance.engine import (
    _explain as _explain,
)
from rxguild.ce.compliance.engine import (
    _required_amount as _required_amount,
)
from rxguild.ce.compliance.engine import (
    evaluate as evaluate,
)
from rxguild.ce.compliance.engine import (
    evaluate_many as evaluate_many,
)
from rxguild.ce.compliance.index import (
    TranscriptIndex as TranscriptIndex,
)
from rxguild.ce.compliance.index import (
    _audience_reason as _audience_reason,
)
from rxguild.ce.compliance.index import (
    _in_evaluation_order as _in_evaluation_order,
)
from rxguild.ce.compliance.index import (
    _record_sort_key as _record_sort_key,
)
from rxguild.ce.compliance.index import (
    format_hours as format_hours,
)
from rxguild.ce.compliance.index import (
    record_matches as record_matches,
)
from rxguild.ce.compliance.results import (
    ZERO as ZERO,
)
from rxguild.ce.compliance.results import (
    CeRecordInput as CeRecordInput,
)
from rxguild.ce.compliance.results import (
    ComplianceResult as ComplianceResult,
)
from rxguild.ce.compliance.results import (
    Cycle as Cycle,
)
from rxguild.ce.compliance.results import (
    Exclusion as Exclusion,
)
from rxguild.ce.compliance.results import (
    MemberFacts as MemberFacts,
)
from rxguild.ce.compliance.results import (
    RequirementResult as RequirementResult,
)
from rxguild.ce.rules import (
    Cap as Cap,
)
from rxguild.ce.rules import (
    Match as Match,
)
from rxguild.ce.rules import (
    Reinstatement as Reinstatement,
)
from rxguild.ce.rules import (
    Requirement as Requirement,
)
from rxguild.ce.rules import (
    RuleSet as RuleSet,
)
from rxguild.ce.rules import (
    RuleSetError as RuleSetError,
)
from rxguild.ce.rules import (
    load_rule_sets as load_rule_sets,
)
