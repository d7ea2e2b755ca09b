"""The API's body parser: every JSON body goes through core.jsonsafe (surrogates, depth)."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from ninja.parser import Parser
from ninja.types import DictStrAny

from rxguild.core.jsonsafe import json_loads


class SafeJsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> DictStrAny:
        return cast(DictStrAny, json_loads(request.body))
