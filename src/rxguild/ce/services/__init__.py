"""Every change of state in the CE app, one function per use case (views, API, commands and
tasks all call these)."""

from rxguild.ce.services.certificates import ce_certificate_confirm, ce_certificate_extract
from rxguild.ce.services.courses import CourseImportReport, course_import
from rxguild.ce.services.imports import CsvImportReport, ce_records_import_csv
from rxguild.ce.services.records import (
    RecordInvalid,
    calendar_feed_rotate,
    ce_record_add,
    ce_record_delete,
    ce_record_mark_reported,
    ce_record_update,
    staff_transcript_access_log,
)
from rxguild.ce.services.reminders import reminders_send_due

__all__ = [
    "CourseImportReport",
    "CsvImportReport",
    "RecordInvalid",
    "calendar_feed_rotate",
    "ce_certificate_confirm",
    "ce_certificate_extract",
    "ce_record_add",
    "ce_record_delete",
    "ce_record_mark_reported",
    "ce_record_update",
    "ce_records_import_csv",
    "course_import",
    "reminders_send_due",
    "staff_transcript_access_log",
]
