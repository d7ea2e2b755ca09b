"""Profile pages. Thin: parse with a form, act through services, read through selectors.

Each section form posts to its own URL. With htmx (HX-Request) the response is the
re-rendered section; without JavaScript it is a redirect back (or the page with errors).
Split by sub-domain: `basics` (edit page, basics, handle, open to, photo), `items` (work,
education, credentials), `skills`, `json_resume`, `public`.
"""

from rxguild.profiles.views.basics import (
    handle_save,
    open_to_save,
    photo_remove,
    photo_upload,
    profile_edit,
    section,
)
from rxguild.profiles.views.items import (
    credential_add,
    credential_delete,
    credential_edit,
    education_add,
    education_delete,
    education_edit,
    work_add,
    work_delete,
    work_edit,
)
from rxguild.profiles.views.json_resume import export_json_resume, import_json_resume
from rxguild.profiles.views.public import profile_photo, public_profile
from rxguild.profiles.views.renewal import renewal_details_save
from rxguild.profiles.views.skills import (
    skill_add,
    skill_level,
    skill_options,
    skill_remove,
    skills_save,
    skills_search,
)

__all__ = [
    "credential_add",
    "credential_delete",
    "credential_edit",
    "education_add",
    "education_delete",
    "education_edit",
    "export_json_resume",
    "handle_save",
    "import_json_resume",
    "open_to_save",
    "photo_remove",
    "photo_upload",
    "profile_edit",
    "profile_photo",
    "public_profile",
    "renewal_details_save",
    "section",
    "skill_add",
    "skill_level",
    "skill_options",
    "skill_remove",
    "skills_save",
    "skills_search",
    "work_add",
    "work_delete",
    "work_edit",
]
