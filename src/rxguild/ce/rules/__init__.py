"""CE rule sets: the data the compliance engine evaluates, and their loader/validator.

Pure module (no Django import). Rule sets live in ``data/ce/rule_sets/*.toml``; each file is one
rule set with a version, effective dates, a confidence and sources, and every requirement and cap
cites its own source. ``data/ce/README.md`` documents the file format.

Validation is strict because a wrong rule misleads members about their licence: an error names
the file, the requirement (or cap) and the field.
"""

from __future__ import annotations

from rxguild.ce.rules.loader import (
    _read_expiry as _read_expiry,
)
from rxguild.ce.rules.loader import (
    _read_first_renewal_tiers as _read_first_renewal_tiers,
)
from rxguild.ce.rules.loader import (
    _read_requirement as _read_requirement,
)
from rxguild.ce.rules.loader import (
    load_rule_set_file as load_rule_set_file,
)
from rxguild.ce.rules.loader import (
    load_rule_sets as load_rule_sets,
)
from rxguild.ce.rules.loader import (
    parse_rule_set as parse_rule_set,
)

# The package is split by sub-domain (vocabulary, strict reading, loading); every name that
# ``rxguild.ce.rules`` offered before the split is re-exported here.
from rxguild.ce.rules.model import (
    AUDIENCES as AUDIENCES,
)
from rxguild.ce.rules.model import (
    CERTIFICATION_EFFECTS as CERTIFICATION_EFFECTS,
)
from rxguild.ce.rules.model import (
    CONDITIONS as CONDITIONS,
)
from rxguild.ce.rules.model import (
    CONFIDENCES as CONFIDENCES,
)
from rxguild.ce.rules.model import (
    CYCLE_MONTHS as CYCLE_MONTHS,
)
from rxguild.ce.rules.model import (
    DATA_DIR as DATA_DIR,
)
from rxguild.ce.rules.model import (
    DEADLINE_RULES as DEADLINE_RULES,
)
from rxguild.ce.rules.model import (
    EARLIEST_CHECKED as EARLIEST_CHECKED,
)
from rxguild.ce.rules.model import (
    EXPIRY_RULES as EXPIRY_RULES,
)
from rxguild.ce.rules.model import (
    EXPIRY_YEARS as EXPIRY_YEARS,
)
from rxguild.ce.rules.model import (
    FORMATS as FORMATS,
)
from rxguild.ce.rules.model import (
    KNOWN_TAGS as KNOWN_TAGS,
)
from rxguild.ce.rules.model import (
    MEMBER_CONDITIONS as MEMBER_CONDITIONS,
)
from rxguild.ce.rules.model import (
    RECORD_KINDS as RECORD_KINDS,
)
from rxguild.ce.rules.model import (
    REQUIREMENT_KINDS as REQUIREMENT_KINDS,
)
from rxguild.ce.rules.model import (
    RULE_SETS_DIR as RULE_SETS_DIR,
)
from rxguild.ce.rules.model import (
    STATE_LAW_TAG as STATE_LAW_TAG,
)
from rxguild.ce.rules.model import (
    WINDOWS as WINDOWS,
)
from rxguild.ce.rules.model import (
    ApprovedList as ApprovedList,
)
from rxguild.ce.rules.model import (
    Cap as Cap,
)
from rxguild.ce.rules.model import (
    CarryOver as CarryOver,
)
from rxguild.ce.rules.model import (
    CertificationRule as CertificationRule,
)
from rxguild.ce.rules.model import (
    Expiry as Expiry,
)
from rxguild.ce.rules.model import (
    FirstRenewalTier as FirstRenewalTier,
)
from rxguild.ce.rules.model import (
    Match as Match,
)
from rxguild.ce.rules.model import (
    Reinstatement as Reinstatement,
)
from rxguild.ce.rules.model import (
    Requirement as Requirement,
)
from rxguild.ce.rules.model import (
    RuleSet as RuleSet,
)
from rxguild.ce.rules.model import (
    RuleSetError as RuleSetError,
)
from rxguild.ce.rules.reader import (
    _read_caps as _read_caps,
)
from rxguild.ce.rules.reader import (
    _read_match as _read_match,
)
from rxguild.ce.rules.reader import (
    _Reader as _Reader,
)
