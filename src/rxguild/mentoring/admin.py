"""Site staff create programs here (name, organizer, window, weights, staff, the agreement
proposed to every pair) and may edit their questionnaire; everything else in a program is
done on its pages (its staff edit the questionnaire on the manage page too)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from rxguild.mentoring.models import Program, ProgramQuestion
from rxguild.mentoring.services.questionnaire import QuestionSpec, question_spec_check


class ProgramQuestionAdminForm(forms.ModelForm):
    """The same rules as the manage page (services/questionnaire.py)."""

    class Meta:
        model = ProgramQuestion
        fields = (
            "position",
            "label",
            "help_text",
            "kind",
            "choices",
            "required",
            "factor",
            "weight",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choices = data.get("choices") or []
        if not isinstance(choices, list):
            raise ValidationError({"choices": 'A list of choices, such as ["Video", "Phone"].'})
        try:
            spec = question_spec_check(
                QuestionSpec(
                    label=data.get("label") or "",
                    help_text=data.get("help_text") or "",
                    kind=data.get("kind") or "",
                    choices=tuple(str(c) for c in choices),
                    required=bool(data.get("required")),
                    factor=data.get("factor") or "",
                    weight=data.get("weight") or 0,
                )
            )
        except ValidationError as error:
            raise ValidationError(error.message_dict) from None
        data["choices"] = list(spec.choices)
        return data


class ProgramQuestionInline(admin.StackedInline):
    model = ProgramQuestion
    form = ProgramQuestionAdminForm
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "organizer", "status", "enrol_opens", "enrol_closes")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("staff",)
    exclude = ("unmatched",)
    inlines = (ProgramQuestionInline,)
