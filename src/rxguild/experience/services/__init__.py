"""Operations that change the experience capability, split by sub-domain; import from here."""

from rxguild.experience.services.competencies import (
    competency_record_add,
    competency_record_delete,
    competency_reminders_send,
)
from rxguild.experience.services.entries import (
    entry_claim,
    experience_entry_add,
    experience_entry_delete,
    experience_entry_update,
)
from rxguild.experience.services.verification import (
    experience_correction_accept,
    experience_correction_reject,
    experience_verification_request,
    experience_verification_respond,
    experience_verification_withdraw,
)

__all__ = [
    "competency_record_add",
    "competency_record_delete",
    "competency_reminders_send",
    "entry_claim",
    "experience_correction_accept",
    "experience_correction_reject",
    "experience_entry_add",
    "experience_entry_delete",
    "experience_entry_update",
    "experience_verification_request",
    "experience_verification_respond",
    "experience_verification_withdraw",
]
