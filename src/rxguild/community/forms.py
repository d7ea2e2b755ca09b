"""Forms parse and label input; the services judge it (one set of rules for pages and API)."""

from __future__ import annotations

from django import forms

from rxguild.community.models import Event, Group, ModerationAction, Post, Report
from rxguild.profiles.models import OpenTo


class DirectoryForm(forms.Form):
    name = forms.CharField(label="Name", required=False, max_length=100)
    state = forms.CharField(label="State (two letters)", required=False, max_length=2)
    practice_setting = forms.ChoiceField(label="Practice setting", required=False)
    specialty = forms.ChoiceField(label="Specialty", required=False)
    credential = forms.ChoiceField(label="Credential", required=False)
    open_to = forms.ChoiceField(
        label="Open to", required=False, choices=[("", "Anything"), *OpenTo.Kind.choices]
    )

    def __init__(
        self, *args: object, choices: dict[str, list[tuple[str, str]]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, options in choices.items():
            self.fields[name].choices = [("", "Any"), *options]  # type: ignore[attr-defined]


class GroupForm(forms.Form):
    name = forms.CharField(label="Group name", max_length=120)
    description = forms.CharField(
        label="Description",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="Markdown; shown sanitized.",
    )
    kind = forms.ChoiceField(label="Kind of group", choices=Group.Kind.choices)
    state = forms.CharField(
        label="State (two letters, for a state group)", required=False, max_length=2
    )
    visibility = forms.ChoiceField(label="Who can see it", choices=Group.Visibility.choices)


class TopicForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of post",
        choices=[(k, v) for k, v in Post.Kind.choices if k != Post.Kind.REPLY],
    )
    title = forms.CharField(label="Title", max_length=200)
    body = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text="Markdown. Mention a member with @ and their profile handle.",
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        help_text="Markdown. Mention a member with @ and their profile handle.",
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="Reason", choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    detail = forms.CharField(
        label="Details (what a moderator should know)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EventForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    description = forms.CharField(
        label="Description",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
    )
    starts_at = forms.CharField(
        label="Starts",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Local time where the event happens.",
    )
    ends_at = forms.CharField(
        label="Ends", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    time_zone = forms.CharField(label="Time zone", initial="America/New_York", max_length=60)
    format = forms.ChoiceField(label="Format", choices=Event.Format.choices)
    address = forms.CharField(label="Address (in person)", required=False, max_length=300)
    online_url = forms.CharField(
        label="Online link",
        required=False,
        max_length=500,
        help_text="Shown only to attendees.",
    )
    capacity = forms.CharField(label="Capacity (empty for no limit)", required=False, max_length=7)
    visibility = forms.ChoiceField(label="Who can see it", choices=Event.Visibility.choices)
    acpe_uan = forms.CharField(
        label="ACPE UAN (if it awards live CE)", required=False, max_length=30
    )
    ce_hours = forms.CharField(label="CE contact hours", required=False, max_length=6)
    provider_name = forms.CharField(label="CE provider", required=False, max_length=200)


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Message", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class MessageRequestForm(forms.Form):
    body = forms.CharField(
        label="Your first message",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Say who you are and why you are writing. They choose whether to answer.",
    )


class ModerationForm(forms.Form):
    action = forms.ChoiceField(label="Action", choices=ModerationAction.Action.choices)
    note = forms.CharField(
        label="Note (the member reads it for a warning or suspension)",
        required=False,
        max_length=1000,
    )
    suspend_days = forms.IntegerField(
        label="Suspend for (days)", required=False, min_value=1, max_value=365
    )
