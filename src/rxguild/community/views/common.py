from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def add_service_errors(form: Form, error: ValidationError) -> None:
    """Put a service's messages next to the fields they concern (or on top)."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def error_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(m for msgs in error.message_dict.values() for m in msgs)
    return " ".join(error.messages)


def back_to(request: HttpRequest, default: str) -> str:
    """Where to go after a small POST action: the `next` field when it is ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def page_number(request: HttpRequest) -> Any:
    return request.GET.get("page", 1)
