"""Operations that change employers and postings, by sub-domain: `validation` (a posting's
fields checked before anything is saved), `postings` (the workflow), `employers`."""

from rxguild.jobs.services.employers import employer_create, employer_member_add
from rxguild.jobs.services.postings import (
    POSTING_RATE_LIMIT,
    job_posting_close,
    job_posting_create,
    job_posting_reverify,
    job_posting_review,
    job_posting_submit,
    job_posting_update,
    job_postings_expire_due,
    job_postings_reindex,
    posting_apply,
    search_document_for,
)
from rxguild.jobs.services.validation import (
    HOURS_PER_YEAR,
    PAY_BOUNDS,
    PostingClean,
    PostingInput,
    posting_input_validate,
)

__all__ = [
    "HOURS_PER_YEAR",
    "PAY_BOUNDS",
    "POSTING_RATE_LIMIT",
    "PostingClean",
    "PostingInput",
    "employer_create",
    "employer_member_add",
    "job_posting_close",
    "job_posting_create",
    "job_posting_reverify",
    "job_posting_review",
    "job_posting_submit",
    "job_posting_update",
    "job_postings_expire_due",
    "job_postings_reindex",
    "posting_apply",
    "posting_input_validate",
    "search_document_for",
]
