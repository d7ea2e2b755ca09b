"""Error pages rendered with the site layout (500 uses a static template: no context)."""

import json
import sys
from types import UnionType

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

from rxguild.core.storage import StorageFull


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, from a view or a middleware alike.
    error = sys.exc_info()[1]
    if _caused_by(error, StorageFull):
        return storage_full(request)
    if _caused_by(error, OperationalError | InterfaceError) or not _database_answers():
        return database_unavailable(request)
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def _caused_by(error: BaseException | None, kind: type | UnionType) -> bool:
    """True when the error, or one it was raised from or while handling (a lazy query run
    inside the API's serializer), is of this kind (the database not answering, …)."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def _database_answers() -> bool:
    # Some layers hide the cause (pydantic reports a lazy query's error as its own): when
    # the database does not answer now, that is the message worth giving.
    try:
        connection.ensure_connection()
    except (OperationalError, InterfaceError):
        return False
    return True


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The database down or restarting: a 503 saying so, with Retry-After, not the generic
    500 (nothing is wrong with the request; trying again shortly works). Static page, no
    query; the traceback is in the log (django.request)."""
    if request.path.startswith("/api/"):
        body = {"detail": "The database is not answering. Try again in a minute."}
        response = HttpResponse(json.dumps(body), content_type="application/json", status=503)
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def storage_full(request: HttpRequest) -> HttpResponse:
    """The upload storage is full: a 507 saying the file was not saved and nothing changed
    (the service's transaction rolled back; core.storage left no partial file)."""
    message = (
        "Your file was not saved: the site's file storage is full. Nothing was changed; "
        "please try again later."
    )
    if request.path.startswith("/api/"):
        body = json.dumps({"detail": message})
        response = HttpResponse(body, content_type="application/json", status=507)
    else:
        page = loader.get_template("507.html").render({"message": message})
        response = HttpResponse(page, status=507)
    response["Cache-Control"] = "no-store"
    return response
