"""Operations that change growth data: one function per use case, keyword-only, atomic.

Views, the API, commands and the demo seeder call these same functions. Callers fetch the
objects they pass in through `access` (which decides who may see what).
"""

from rxguild.growth.services.assessments import (
    FrameworkLoadReport,
    assessment_create,
    assessment_delete,
    frameworks_directory,
    frameworks_load,
    staff_access_log,
)
from rxguild.growth.services.feedback import (
    Recipient,
    feedback_answer_submit,
    feedback_decline,
    feedback_invite_for_token,
    feedback_invite_resend,
    feedback_request_create,
    feedback_request_withdraw,
    feedback_unsubscribe,
    feedback_unsubscribe_read,
)
from rxguild.growth.services.goals import (
    goal_complete,
    goal_create,
    goal_delete,
    goal_reopen,
    goal_share_set,
    goal_update,
    milestone_add,
    milestone_delete,
    milestone_toggle,
)
from rxguild.growth.services.recommendations import (
    recommendation_decide,
    recommendation_withdraw,
    recommendation_write,
)

__all__ = [
    "FrameworkLoadReport",
    "Recipient",
    "assessment_create",
    "assessment_delete",
    "feedback_answer_submit",
    "feedback_decline",
    "feedback_invite_for_token",
    "feedback_invite_resend",
    "feedback_request_create",
    "feedback_request_withdraw",
    "feedback_unsubscribe",
    "feedback_unsubscribe_read",
    "frameworks_directory",
    "frameworks_load",
    "goal_complete",
    "goal_create",
    "goal_delete",
    "goal_reopen",
    "goal_share_set",
    "goal_update",
    "milestone_add",
    "milestone_delete",
    "milestone_toggle",
    "recommendation_decide",
    "recommendation_withdraw",
    "recommendation_write",
    "staff_access_log",
]
