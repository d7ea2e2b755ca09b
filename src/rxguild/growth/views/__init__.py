"""Pages of the growth app, one module per sub-domain. Thin: fetch through `access`, call one
service or selector, render. Every change is a POST that works without JavaScript."""

from rxguild.growth.views.assessments import (
    assess,
    assessment_delete,
    assessment_detail,
    history,
    home,
    staff_member,
)
from rxguild.growth.views.feedback import (
    feedback_answer,
    feedback_detail,
    feedback_list,
    feedback_new,
    feedback_resend,
    feedback_unsubscribe,
    feedback_withdraw,
)
from rxguild.growth.views.goals import (
    goal_detail,
    goal_milestone_add,
    goal_share,
    goal_status,
    goals,
    goals_calendar_feed,
    milestone_delete,
    milestone_toggle,
)
from rxguild.growth.views.recommendations import (
    recommendation_decide,
    recommendation_withdraw,
    recommendation_write,
    recommendations,
)

__all__ = [
    "assess",
    "assessment_delete",
    "assessment_detail",
    "feedback_answer",
    "feedback_detail",
    "feedback_list",
    "feedback_new",
    "feedback_resend",
    "feedback_unsubscribe",
    "feedback_withdraw",
    "goal_detail",
    "goal_milestone_add",
    "goal_share",
    "goal_status",
    "goals",
    "goals_calendar_feed",
    "history",
    "home",
    "milestone_delete",
    "milestone_toggle",
    "recommendation_decide",
    "recommendation_withdraw",
    "recommendation_write",
    "recommendations",
    "staff_member",
]
