"""Refuse a NUL character anywhere in the address (path or query) before any view runs.

No page or API parameter means a NUL, and PostgreSQL's text values cannot hold one: a search
for "a%00b" reached the database and failed there as a 500. Forms already refuse NUL
(Django's ProhibitNullCharactersValidator); this is the one place for what arrives in the
URL, which views and API parameters read without a form. Request bodies are checked by their
readers (forms; core.jsonsafe for JSON).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

MESSAGE = "The address contains a NUL character (%00), which no page or parameter accepts."


class RefuseNulInUrlMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            if request.path_info.startswith("/api/"):
                body, content_type = json.dumps({"detail": MESSAGE}), "application/json"
            else:
                body, content_type = MESSAGE, "text/plain; charset=utf-8"
            return HttpResponse(body, status=400, content_type=content_type)
        return self.get_response(request)
