"""Forms for the enrolment pages: they check the shape of input; services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from rxguild.catalog.models import Credential, PracticeSetting, Specialization
from rxguild.core.us_states import STATES_AND_DC, US_STATES
from rxguild.mentoring import options
from rxguild.mentoring.models import CIRCLE_CAPACITY, MEETING_MINUTES, Agreement

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
CHECKBOXES = forms.CheckboxSelectMultiple


def _catalog_choices(model: Any) -> list[tuple[str, str]]:
    return list(model.objects.order_by("name").values_list("code", "name"))


def _state_choices() -> list[tuple[str, str]]:
    codes = sorted(STATES_AND_DC | {"PR"}, key=lambda code: US_STATES[code])
    return [(code, US_STATES[code]) for code in codes]


def _set_choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class MentorOfferForm(forms.Form):
    specialties = forms.MultipleChoiceField(
        required=False, widget=CHECKBOXES, label="Specialties you work in"
    )
    practice_settings = forms.MultipleChoiceField(
        required=False, widget=CHECKBOXES, label="Practice settings you work in"
    )
    topics = forms.MultipleChoiceField(
        required=False, widget=CHECKBOXES, label="Topics you can help with"
    )
    states = forms.MultipleChoiceField(
        required=False,
        label="States you can speak for",
        help_text="Where you know the registration rules and the job market. Hold Ctrl or ⌘ "
        "to choose more than one.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    languages = forms.MultipleChoiceField(
        required=False, widget=CHECKBOXES, label="Languages you mentor in"
    )
    time_zone = forms.ChoiceField(required=False, label="Your time zone")
    formats = forms.MultipleChoiceField(widget=CHECKBOXES, label="Ways you can meet")
    in_person_miles = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=500,
        label="In person within (miles)",
        help_text="Only if you chose in person.",
    )
    capacity = forms.IntegerField(
        min_value=1, max_value=10, initial=1, label="How many mentees at once"
    )
    available_from = forms.DateField(required=False, widget=DATE_INPUT)
    available_until = forms.DateField(required=False, widget=DATE_INPUT)
    about = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="A few words for mentees",
        help_text="Your path so far and how you like to mentor. Members see this.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "specialties", _catalog_choices(Specialization))
        _set_choices(self, "practice_settings", _catalog_choices(PracticeSetting))
        _set_choices(self, "topics", options.choices(options.topics()))
        _set_choices(self, "states", _state_choices())
        _set_choices(self, "languages", options.choices(options.languages()))
        _set_choices(self, "time_zone", [("", "—"), *options.choices(options.time_zones())])
        _set_choices(self, "formats", options.choices(options.FORMATS))


class MenteeWantsForm(forms.Form):
    target_credential = forms.ChoiceField(required=False, label="Credential you are working toward")
    specialties = forms.MultipleChoiceField(
        required=False, widget=CHECKBOXES, label="Specialties you are aiming for"
    )
    practice_settings = forms.MultipleChoiceField(
        required=False, widget=CHECKBOXES, label="Practice settings you are aiming for"
    )
    topics = forms.MultipleChoiceField(
        required=False, widget=CHECKBOXES, label="Topics you want help with"
    )
    languages = forms.MultipleChoiceField(
        required=False, widget=CHECKBOXES, label="Languages you would like to be mentored in"
    )
    formats = forms.MultipleChoiceField(
        required=False, widget=CHECKBOXES, label="Ways you would like to meet"
    )
    outside_employer = forms.BooleanField(
        required=False, label="Only mentors who don't work where I work"
    )
    same_state = forms.BooleanField(required=False, label="Only mentors in my state")
    goal = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What you hope to get from a mentor",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        credentials = Credential.objects.exclude(kind=Credential.Kind.STATE_REGISTRATION)
        credential_choices = [
            ("", "— none in particular —"),
            *((c.code, f"{c.name} ({c.issuer})") for c in credentials.order_by("name")),
        ]
        _set_choices(self, "target_credential", credential_choices)
        _set_choices(self, "specialties", _catalog_choices(Specialization))
        _set_choices(self, "practice_settings", _catalog_choices(PracticeSetting))
        _set_choices(self, "topics", options.choices(options.topics()))
        _set_choices(self, "languages", options.choices(options.languages()))
        _set_choices(self, "formats", options.choices(options.FORMATS))


def mentor_offer_initial(offer: Any) -> dict[str, Any]:
    return {
        "specialties": [s.code for s in offer.specialties.all()],
        "practice_settings": [s.code for s in offer.practice_settings.all()],
        "topics": offer.topics,
        "states": offer.states,
        "languages": offer.languages,
        "time_zone": offer.time_zone,
        "formats": offer.formats,
        "in_person_miles": offer.in_person_miles,
        "capacity": offer.capacity,
        "available_from": offer.available_from,
        "available_until": offer.available_until,
        "about": offer.about,
    }


def mentee_wants_initial(wants: Any) -> dict[str, Any]:
    return {
        "target_credential": wants.target_credential.code if wants.target_credential else "",
        "specialties": [s.code for s in wants.specialties.all()],
        "practice_settings": [s.code for s in wants.practice_settings.all()],
        "topics": wants.topics,
        "languages": wants.languages,
        "formats": wants.formats,
        "outside_employer": wants.outside_employer,
        "same_state": wants.same_state,
        "goal": wants.goal,
    }


class MentorFilterForm(forms.Form):
    specialty = forms.ChoiceField(required=False)
    setting = forms.ChoiceField(required=False, label="Practice setting")
    state = forms.ChoiceField(required=False)
    language = forms.ChoiceField(required=False)
    format = forms.ChoiceField(required=False, label="Meets by")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", "Any")]
        _set_choices(self, "specialty", any_choice + _catalog_choices(Specialization))
        _set_choices(self, "setting", any_choice + _catalog_choices(PracticeSetting))
        _set_choices(self, "state", any_choice + _state_choices())
        _set_choices(self, "language", any_choice + options.choices(options.languages()))
        _set_choices(self, "format", any_choice + options.choices(options.FORMATS))


class RequestForm(forms.Form):
    note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="A note to the mentor",
        help_text="What you hope to work on together. The mentor also sees your goal.",
    )


class DeclineForm(forms.Form):
    note = forms.CharField(
        required=False, max_length=500, label="A short note (optional)", help_text="Be kind."
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[
            ("completed", "Completed: we reached what we set out to do"),
            ("paused", "Paused for now"),
            ("active", "Active again"),
            ("withdrawn", "Withdrawn: it didn't work out"),
        ],
        widget=forms.RadioSelect,
        label="How does it end?",
    )
    rating = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *((str(n), str(n)) for n in range(5, 0, -1))],
        label="Your rating, 1 to 5",
        help_text="Only you see your own rating and comment.",
    )
    comment = forms.CharField(required=False, max_length=1000, label="A short comment")


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        coerce=int,
        choices=[(str(n), str(n)) for n in range(5, 0, -1)],
        label="Your rating, 1 to 5",
    )
    comment = forms.CharField(required=False, max_length=1000, label="A short comment")


class InfoOfferForm(forms.Form):
    is_open = forms.BooleanField(
        required=False, initial=True, label="Open to informational interviews"
    )
    role_summary = forms.CharField(max_length=300, label="Your role and setting")
    practice_setting = forms.ChoiceField(required=False, label="Practice setting")
    monthly_cap = forms.IntegerField(
        min_value=1, max_value=10, initial=2, label="Chats a month, at most"
    )
    contact = forms.CharField(
        max_length=200,
        label="How to reach you",
        help_text="An email, phone or video link: shown only to requests you accept.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "practice_setting", [("", "—"), *_catalog_choices(PracticeSetting)])


class InfoRequestForm(forms.Form):
    minutes = forms.TypedChoiceField(
        coerce=int,
        choices=[("15", "15 minutes"), ("30", "30 minutes")],
        widget=forms.RadioSelect,
        initial="15",
        label="How long",
    )
    agenda = forms.CharField(
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 7}),
        label="Your agenda",
        help_text="Good questions to start from; make them yours.",
    )
    times = forms.CharField(required=False, max_length=300, label="Times that suit you")


class InfoAnswerForm(forms.Form):
    note = forms.CharField(required=False, max_length=500)
    times = forms.CharField(required=False, max_length=300)


class InfoLogForm(forms.Form):
    held_on = forms.DateField(widget=DATE_INPUT, label="When you talked")
    learned = forms.CharField(
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What you learned",
    )


class CheckInForm(forms.Form):
    starts_at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
        label="When",
        help_text="In your time zone on RxGuild.",
    )
    minutes = forms.TypedChoiceField(
        coerce=int, choices=[(str(n), f"{n} minutes") for n in (15, 30, 45, 60)], initial="30"
    )
    agenda = forms.CharField(required=False, max_length=500, label="Agenda")


class NoteForm(forms.Form):
    body = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), label="Note")
    shared = forms.BooleanField(
        required=False,
        label="Share with the other member",
        help_text="Unshared notes are yours alone.",
    )


class AgreementForm(forms.Form):
    goals = forms.CharField(
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Goals",
        help_text="What you will work on together.",
    )
    growth_goals = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=CHECKBOXES,
        label="Your growth goals this works on",
        help_text="Each one you tick is shared read-only with your mentor.",
    )
    cadence = forms.ChoiceField(choices=Agreement.Cadence.choices, label="How often you meet")
    meeting_minutes = forms.TypedChoiceField(
        coerce=int,
        choices=[(str(n), f"{n} minutes") for n in MEETING_MINUTES],
        label="How long each meeting is",
    )
    end_date = forms.DateField(widget=DATE_INPUT, label="End date")

    def __init__(
        self, *args: Any, growth_goals: list[tuple[int, str]] | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        # Only the mentee links growth goals (they are theirs); the mentor's form has no field.
        if growth_goals is None:
            del self.fields["growth_goals"]
        else:
            _set_choices(self, "growth_goals", [(str(pk), title) for pk, title in growth_goals])


class CircleForm(forms.Form):
    name = forms.CharField(max_length=120, label="Name of the circle")
    about = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What the circle is for",
    )
    capacity = forms.TypedChoiceField(
        coerce=int,
        choices=[
            (str(n), f"{n} mentees") for n in range(CIRCLE_CAPACITY[0], CIRCLE_CAPACITY[1] + 1)
        ],
        initial="6",
        label="Up to",
    )
