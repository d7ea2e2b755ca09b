"""Routes of mentoring, mounted at /mentoring/ in the `mentoring` namespace."""

from django.urls import path

from rxguild.mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("", views.home, name="home"),
    path("mentor/", views.mentor_edit, name="mentor_edit"),
    path("mentor/pause/", views.mentor_pause, name="mentor_pause"),
    path("mentor/leave/", views.mentor_leave, name="mentor_leave"),
    path("mentee/", views.mentee_edit, name="mentee_edit"),
    path("mentee/leave/", views.mentee_leave, name="mentee_leave"),
    path("mentors/", views.mentors, name="mentors"),
    path("mentors/<int:mentor_id>/request/", views.request_send, name="request_send"),
    path("mentors/<int:mentor_id>/bookmark/", views.bookmark_toggle, name="bookmark"),
    path("requests/", views.requests_page, name="requests"),
    path("requests/<int:request_id>/<str:action>/", views.request_answer, name="request_answer"),
    path("mentorships/<int:mentorship_id>/", views.mentorship_detail, name="mentorship"),
    path("mentorships/<int:mentorship_id>/close/", views.mentorship_close, name="close"),
    path("mentorships/<int:mentorship_id>/rate/", views.mentorship_rate, name="rate"),
    path("mentorships/<int:mentorship_id>/check-ins/", views.check_in_schedule, name="check_in"),
    path("mentorships/<int:mentorship_id>/notes/", views.note_add, name="note_add"),
    path(
        "mentorships/<int:mentorship_id>/agreement/",
        views.agreement_propose_view,
        name="agreement_propose",
    ),
    path(
        "mentorships/<int:mentorship_id>/rematch/<int:mentor_id>/",
        views.rematch_request,
        name="rematch",
    ),
    path(
        "agreements/<int:agreement_id>/accept/",
        views.agreement_accept_view,
        name="agreement_accept",
    ),
    path("check-ins/<int:check_in_id>.ics", views.check_in_ics, name="check_in_ics"),
    path("interviews/", views.interviews, name="interviews"),
    path("interviews/offer/", views.interview_offer, name="interview_offer"),
    path("interviews/hosts/<int:host_id>/", views.interview_request, name="interview_request"),
    path("interviews/<int:request_id>/log/", views.interview_log, name="interview_log"),
    path(
        "interviews/<int:request_id>/<str:answer>/",
        views.interview_answer,
        name="interview_answer",
    ),
    path("circles/", views.circles, name="circles"),
    path("circles/<int:circle_id>/", views.circle_detail, name="circle"),
    path(
        "circles/<int:circle_id>/invitations/",
        views.circle_invitations,
        name="circle_invitations",
    ),
    path(
        "circles/invitations/<int:invitation_id>/",
        views.circle_invitation,
        name="circle_invitation",
    ),
    path(
        "circles/invitations/<int:invitation_id>/<str:answer>/",
        views.circle_invitation_answer,
        name="circle_invitation_answer",
    ),
    path("circles/<int:circle_id>/<str:action>/", views.circle_action, name="circle_action"),
    path("programs/", views.programs, name="programs"),
    path("programs/<slug:slug>/", views.program_detail, name="program"),
    path("programs/<slug:slug>/manage/", views.program_manage, name="program_manage"),
    path(
        "programs/<slug:slug>/questions/", views.program_question_save, name="program_question_add"
    ),
    path(
        "programs/<slug:slug>/questions/<int:question_id>/",
        views.program_question_save,
        name="program_question_edit",
    ),
    path(
        "programs/<slug:slug>/questions/<int:question_id>/delete/",
        views.program_question_delete,
        name="program_question_delete",
    ),
    path(
        "programs/<slug:slug>/questions/<int:question_id>/<str:direction>/",
        views.program_question_move,
        name="program_question_move",
    ),
    path(
        "programs/<slug:slug>/agreement/",
        views.program_agreement_defaults,
        name="program_agreement_defaults",
    ),
    path("programs/<slug:slug>/manage/<str:action>/", views.program_action, name="program_action"),
    path(
        "program-pairs/<int:pair_id>/<str:action>/",
        views.program_pair_action,
        name="program_pair_action",
    ),
]
