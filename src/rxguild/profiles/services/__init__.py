"""Every change to a member profile goes through one of these functions (views, API, demo
seeding and imports alike). Each validates first and saves nothing unless all is valid;
updates return `Saved`, whose `changed` is empty when nothing needed writing.

Callers pass a profile they already know the actor owns (see selectors.profile_for_owner /
access.*_get_for_owner): these functions do not decide who may act.

Split by sub-domain: `profile` (basics, visibility, open to), `handle`, `items` (work,
education, credentials), `skills`, `photo`, `json_import`.
"""

from rxguild.profiles.services.common import Saved
from rxguild.profiles.services.handle import (
    handle_is_free,
    handle_suggestion,
    profile_handle_set,
)
from rxguild.profiles.services.items import (
    credential_held_add,
    credential_held_delete,
    credential_held_update,
    education_add,
    education_delete,
    education_update,
    work_experience_add,
    work_experience_delete,
    work_experience_update,
)
from rxguild.profiles.services.json_import import profile_import_json_resume
from rxguild.profiles.services.photo import profile_photo_clear, profile_photo_set
from rxguild.profiles.services.profile import (
    open_to_set,
    profile_get_or_create_for_user,
    profile_update,
)
from rxguild.profiles.services.renewal import profile_renewal_details_set
from rxguild.profiles.services.skills import (
    MAX_SKILLS,
    profile_skill_add,
    profile_skill_remove,
    profile_skill_set_level,
    profile_skills_add,
    profile_skills_set,
)

__all__ = [
    "MAX_SKILLS",
    "Saved",
    "credential_held_add",
    "credential_held_delete",
    "credential_held_update",
    "education_add",
    "education_delete",
    "education_update",
    "handle_is_free",
    "handle_suggestion",
    "open_to_set",
    "profile_get_or_create_for_user",
    "profile_handle_set",
    "profile_import_json_resume",
    "profile_photo_clear",
    "profile_photo_set",
    "profile_renewal_details_set",
    "profile_skill_add",
    "profile_skill_remove",
    "profile_skill_set_level",
    "profile_skills_add",
    "profile_skills_set",
    "profile_update",
    "work_experience_add",
    "work_experience_delete",
    "work_experience_update",
]
