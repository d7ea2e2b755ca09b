from __future__ import annotations

from typing import Any

from django import forms

from rxguild.accounts.models import User
from rxguild.profiles.models import CredentialHeld
from rxguild.wallet.access import credentials_of_owner


class CredentialChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: CredentialHeld) -> str:
        state = f" ({obj.state})" if obj.state and not obj.credential.state else ""
        return f"{obj.credential.name}{state}"


class DocumentForm(forms.Form):
    credential_held = CredentialChoice(
        queryset=CredentialHeld.objects.none(), label="Credential", empty_label=None
    )
    file = forms.FileField(
        label="Certificate or wallet card",
        help_text="PDF, PNG or JPEG, at most 5 MB; staff compare it with the credential listed.",
    )

    def __init__(self, *args: Any, member: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["credential_held"]
        assert isinstance(field, CredentialChoice)
        field.queryset = credentials_of_owner(member)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Why it is rejected",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The member sees this.",
    )


class BadgeImportForm(forms.Form):
    badge = forms.CharField(
        label="Badge link, JSON or JWT",
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}),
        help_text="e.g. the “badge_assertions” link Credly shows for your PTCB badge.",
    )
    image = forms.FileField(
        label="Or a badge image", required=False, help_text="A baked PNG or SVG, at most 2 MB."
    )
    credential_held = CredentialChoice(
        queryset=CredentialHeld.objects.none(),
        label="Which of your credentials it proves",
        required=False,
        empty_label="None (keep it in the wallet only)",
    )

    def __init__(self, *args: Any, member: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["credential_held"]
        assert isinstance(field, CredentialChoice)
        field.queryset = credentials_of_owner(member)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("badge") or "").strip() and not data.get("image"):
            raise forms.ValidationError("Paste a badge link, JSON or JWT, or choose an image.")
        return data
