"""Words for members instead of RxGuild's internal codes. Pure Python, no Django.

Catalog codes (`ptcb-cpht`, `state-tx-technician`) are identifiers for imports and the API; a
description written or imported with them ("Required: ptcb-cpht") reads as the catalog's names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# A code is a whole token: not part of a longer slug, a word or a URL path.
_CODE_ALONE = r"(?<![\w/.-]){code}(?![\w/-])"


def credential_codes_as_names(text: str, labels: Mapping[str, str]) -> str:
    """`text` with every catalog credential code replaced by its label ("Certified Pharmacy
    Technician (CPhT)"); longer codes first, so `ptcb-cpht-adv` is not read as `ptcb-cpht`."""
    if not text or not labels:
        return text
    codes = sorted((c for c in labels if c and c in text), key=len, reverse=True)
    if not codes:
        return text
    pattern = re.compile("|".join(_CODE_ALONE.format(code=re.escape(code)) for code in codes))
    return pattern.sub(lambda m: labels[m.group(0)], text)


def credential_label(name: str, abbreviation: str) -> str:
    """How pages name a credential: "Certified Pharmacy Technician (CPhT)"."""
    if abbreviation and abbreviation.casefold() not in name.casefold():
        return f"{name} ({abbreviation})"
    return name
