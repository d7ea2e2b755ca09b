"""Forms for the upload and the analysis page's posting; the resume's own fields (builder,
import confirmation, analysis page) are in `builder_forms`. They only parse; services validate."""

from __future__ import annotations

from typing import Any

from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Resume file (PDF or Word .docx, up to 5 MB)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )


class TargetForm(forms.Form):
    posting = forms.ChoiceField(
        required=False, label="A posting from your tracker or the job board"
    )
    posting_text = forms.CharField(
        required=False,
        max_length=20000,
        label="…or paste the posting's text",
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, choices: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]  # immutable default
        super().__init__(*args, **kwargs)
        grouped: dict[str, list[tuple[str, str]]] = {}
        for choice in choices:
            grouped.setdefault(choice.group, []).append((choice.value, choice.label))
        self.fields["posting"].choices = [("", "— choose —"), *grouped.items()]  # type: ignore[attr-defined]  # ChoiceField

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("posting") and not str(data.get("posting_text", "")).strip():
            raise forms.ValidationError("Pick a posting or paste its text.")
        return data
