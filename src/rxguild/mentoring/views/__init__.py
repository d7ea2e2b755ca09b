"""Pages of mentoring. Thin: each view reads through access/selectors, calls one service and
renders. Every change is a POST that works without JavaScript. One module per sub-domain."""

from __future__ import annotations

from rxguild.mentoring.views.agreements import agreement_accept_view, agreement_propose_view
from rxguild.mentoring.views.circle_invitations import (
    circle_invitation,
    circle_invitation_answer,
    circle_invitations,
)
from rxguild.mentoring.views.circles import circle_action, circle_detail, circles
from rxguild.mentoring.views.enrolment import (
    home,
    mentee_edit,
    mentee_leave,
    mentor_edit,
    mentor_leave,
    mentor_pause,
)
from rxguild.mentoring.views.finding import (
    bookmark_toggle,
    mentors,
    request_answer,
    request_send,
    requests_page,
)
from rxguild.mentoring.views.interviews import (
    interview_answer,
    interview_log,
    interview_offer,
    interview_request,
    interviews,
)
from rxguild.mentoring.views.mentorships import (
    check_in_ics,
    check_in_schedule,
    mentorship_close,
    mentorship_detail,
    mentorship_rate,
    note_add,
    rematch_request,
)
from rxguild.mentoring.views.programs import (
    program_action,
    program_agreement_defaults,
    program_detail,
    program_manage,
    program_pair_action,
    program_question_delete,
    program_question_move,
    program_question_save,
    programs,
)

__all__ = [
    "agreement_accept_view",
    "agreement_propose_view",
    "bookmark_toggle",
    "check_in_ics",
    "check_in_schedule",
    "circle_action",
    "circle_detail",
    "circle_invitation",
    "circle_invitation_answer",
    "circle_invitations",
    "circles",
    "home",
    "interview_answer",
    "interview_log",
    "interview_offer",
    "interview_request",
    "interviews",
    "mentee_edit",
    "mentee_leave",
    "mentor_edit",
    "mentor_leave",
    "mentor_pause",
    "mentors",
    "mentorship_close",
    "mentorship_detail",
    "mentorship_rate",
    "note_add",
    "program_action",
    "program_agreement_defaults",
    "program_detail",
    "program_manage",
    "program_pair_action",
    "program_question_delete",
    "program_question_move",
    "program_question_save",
    "programs",
    "rematch_request",
    "request_answer",
    "request_send",
    "requests_page",
]
