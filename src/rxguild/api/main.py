"""The one NinjaAPI instance: every capability's router is mounted here under /api/v1/."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.operation import Operation

from rxguild.accounts.api import router as accounts_router
from rxguild.api.auth import AUTH
from rxguild.api.parser import SafeJsonParser
from rxguild.catalog.api import router as catalog_router
from rxguild.ce.api import router as ce_router
from rxguild.community.api import router as community_router
from rxguild.core.jsonsafe import JsonInputError
from rxguild.experience.api import router as experience_router
from rxguild.growth.api import router as growth_router
from rxguild.jobs.api import router as jobs_router
from rxguild.mentoring.api import router as mentoring_router
from rxguild.profiles.api import router as profiles_router
from rxguild.resumes.api import router as resumes_router
from rxguild.resumes.api import skills_router
from rxguild.resumes.builder_api import router as resume_builder_router
from rxguild.roadmap.api import router as roadmap_router
from rxguild.tracker.api import router as tracker_router
from rxguild.wallet.api import router as wallet_router


class RxGuildAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """`rxguild_<app>_api_<function>`, whichever module of the app's API defines it.

        An app's API may grow from `api.py` into an `api/` package split by sub-domain; the
        operation ids that generated clients are built on must not change when it does.
        """
        parts = operation.view_func.__module__.split(".")
        if len(parts) > 3 and parts[2] == "api":
            parts = parts[:3]
        return "_".join([*parts, operation.view_func.__name__])


api = RxGuildAPI(
    title="RxGuild API",
    version="1.0.0",
    description="Every RxGuild capability as JSON. Authenticate with a personal access token "
    "(Authorization: Bearer rxg_…) or a browser session (with the CSRF token).",
    auth=AUTH,
    docs_url="/docs",
    parser=SafeJsonParser(),
)


def _error(request: HttpRequest, message: object, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, str(exc) or "You don't have access to this.", 403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, "Not found.", 404)


@api.exception_handler(ObjectDoesNotExist)
def on_missing_row(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
    # A `.get()` by an id the caller sent that matched nothing: the same answer as Http404,
    # never a 500 (access helpers still decide who may see what exists).
    return _error(request, "Not found.", 404)


@api.exception_handler(ValidationError)
def on_django_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "message_dict"):
        return _error(request, exc.message_dict, 422)
    return _error(request, " ".join(exc.messages), 422)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # Ninja wraps every body-parse failure as "Cannot parse request body"; say what was wrong.
    if isinstance(exc.__cause__, JsonInputError):
        return _error(request, str(exc.__cause__), exc.status_code)
    return _error(request, str(exc), exc.status_code)


@api.exception_handler(RequestDataTooBig)
def on_body_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return _error(request, f"The request body is too large: the limit is {limit_mb} MB.", 413)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, "Sign in or send a valid personal access token.", 401)


@api.exception_handler(NinjaValidationError)
def on_invalid_payload(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    # Keep pydantic's precise locations, but always with a readable message per error.
    errors = [
        {"loc": list(error.get("loc", [])), "msg": error.get("msg", "Invalid value.")}
        for error in exc.errors
    ]
    return _error(request, errors, 422)


api.add_router("/accounts", accounts_router)
api.add_router("/profiles", profiles_router)
api.add_router("/catalog", catalog_router)
api.add_router("/ce", ce_router)
api.add_router("/jobs", jobs_router)
api.add_router("/jobs/tracker", tracker_router)
api.add_router("/resumes", resumes_router)
api.add_router("/resumes", resume_builder_router)
api.add_router("/skills", skills_router)
api.add_router("/community", community_router)
api.add_router("/mentoring", mentoring_router)
api.add_router("/growth", growth_router)
api.add_router("/roadmap", roadmap_router)
api.add_router("/experience", experience_router)
api.add_router("/wallet", wallet_router)
