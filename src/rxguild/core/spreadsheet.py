"""Cells for CSV files that people open in a spreadsheet."""

from __future__ import annotations


def formula_safe(value: str) -> str:
    """A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets
    skip before reading the rest) runs as a formula: CSV injection. Quoting it as text keeps
    the value readable and inert."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
