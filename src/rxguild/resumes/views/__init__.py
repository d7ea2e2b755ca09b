"""Resume pages. Thin: forms parse, services change, selectors read. Every view takes the
resume through `resume_get_for_owner`, so another member's id is a 404 and nothing changes.

Split by sub-domain: `pages` (list, new, delete, exports, import), `builder` (the editor and
its live preview), `analysis` (ATS analysis against a posting).
"""

from rxguild.resumes.views.analysis import (
    resume_analyze,
    resume_analyze_preview,
    resume_analyze_save,
    resume_target,
)
from rxguild.resumes.views.builder import resume_detail, resume_preview
from rxguild.resumes.views.imports import resume_import_confirm
from rxguild.resumes.views.pages import (
    resume_create_blank,
    resume_create_from_profile,
    resume_delete,
    resume_export,
    resume_import,
    resume_list,
)

__all__ = [
    "resume_analyze",
    "resume_analyze_preview",
    "resume_analyze_save",
    "resume_create_blank",
    "resume_create_from_profile",
    "resume_delete",
    "resume_detail",
    "resume_export",
    "resume_import",
    "resume_import_confirm",
    "resume_list",
    "resume_preview",
    "resume_target",
]
