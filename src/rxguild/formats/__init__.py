"""Date and time formats for pages (FORMAT_MODULE_PATH in settings): human and
locale-aware ("Dec 2, 2026", "7:00 PM"), never ISO. A bare `{{ some_date }}`, `|date` and
`|time` use these; machine-readable values (`<time datetime>`, input values, feeds, the API)
stay ISO. Python code that writes a date into a sentence uses rxguild.core.human_dates,
which matches the English formats here (tests/core/test_human_dates.py)."""
