"""The mark of a credential as JSON: shared by the wallet's API and the profile's."""

from __future__ import annotations

from ninja import Field, Schema

from rxguild.wallet.marks import CredentialMark


class MarkOut(Schema):
    kind: str = Field(description="self-reported, document or badge")
    label: str
    detail: str


def mark_out(mark: CredentialMark) -> MarkOut:
    return MarkOut(kind=mark.kind, label=mark.label, detail=mark.detail)
