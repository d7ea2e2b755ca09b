"""One way to show a service's ValidationError on a form, and as a one-line message.

Services validate (STYLE.md: validation once, in the service); views only place the errors.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def form_add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Field errors go beside their field when the form has it, the rest on top."""
    if hasattr(error, "message_dict"):
        for field, field_messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in field_messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def service_error_text(error: ValidationError) -> str:
    """The messages of an error on one line (for a flash message or an htmx fragment)."""
    if hasattr(error, "message_dict"):
        return " ".join(m for field_messages in error.message_dict.values() for m in field_messages)
    return " ".join(error.messages)
