"""CE pages. Thin: every change goes through services, every object through a *_for_viewer
selector, and a member only ever sees their own transcript (staff: with a logged reason).

Split by sub-domain; the URLconf imports the views from here.
"""

from rxguild.ce.views.calendar import calendar_feed, calendar_page
from rxguild.ce.views.courses import course_catalog, course_import
from rxguild.ce.views.imports import certificate_confirm, certificate_upload, csv_import
from rxguild.ce.views.records import (
    record_add,
    record_delete,
    record_edit,
    record_proof,
    record_reported,
    uan_lookup,
)
from rxguild.ce.views.transcript import (
    dashboard,
    export_csv,
    export_pdf,
    staff_transcript,
    transcript,
)

__all__ = [
    "calendar_feed",
    "calendar_page",
    "certificate_confirm",
    "certificate_upload",
    "course_catalog",
    "course_import",
    "csv_import",
    "dashboard",
    "export_csv",
    "export_pdf",
    "record_add",
    "record_delete",
    "record_edit",
    "record_proof",
    "record_reported",
    "staff_transcript",
    "transcript",
    "uan_lookup",
]
