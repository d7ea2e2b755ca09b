"""Routes of the experience ledger, mounted at /experience/ in the `experience` namespace."""

from django.urls import path

from rxguild.experience import (
    views,
    views_competencies,
    views_competency_signoff,
    views_evaluations,
    views_hours,
    views_program_admin,
    views_programs,
)

app_name = "experience"

urlpatterns = [
    path("", views.ledger_home, name="home"),
    path("entries/add/", views.entry_add, name="entry_add"),
    path("entries/<int:entry_id>/", views.entry_edit, name="entry_edit"),
    path("entries/<int:entry_id>/delete/", views.entry_delete, name="entry_delete"),
    path("entries/<int:entry_id>/verify/", views.verification_request, name="verification_request"),
    path(
        "verifications/<int:verification_id>/withdraw/",
        views.verification_withdraw,
        name="verification_withdraw",
    ),
    path(
        "verifications/<int:verification_id>/accept/",
        views.correction_accept,
        name="correction_accept",
    ),
    path(
        "verifications/<int:verification_id>/reject/",
        views.correction_reject,
        name="correction_reject",
    ),
    path("programs/", views_programs.programs, name="programs"),
    path("programs/<int:program_id>/", views_program_admin.program_cohort, name="program_cohort"),
    path(
        "programs/<int:program_id>/invite/",
        views_program_admin.program_invite,
        name="program_invite",
    ),
    path(
        "programs/<int:program_id>/message/",
        views_program_admin.program_message,
        name="program_message",
    ),
    path(
        "programs/<int:program_id>/students/<int:enrollment_id>/place/",
        views_program_admin.enrollment_place,
        name="enrollment_place",
    ),
    path(
        "programs/<int:program_id>/lists/", views_program_admin.program_lists, name="program_lists"
    ),
    path(
        "programs/<int:program_id>/lists/<str:kind>/add/",
        views_program_admin.program_list_add,
        name="program_list_add",
    ),
    path(
        "programs/<int:program_id>/preceptors/<int:preceptor_id>/remove/",
        views_program_admin.preceptor_remove,
        name="preceptor_remove",
    ),
    path(
        "programs/<int:program_id>/hours.csv",
        views_programs.program_cohort_csv,
        name="program_cohort_csv",
    ),
    path(
        "enrollments/<int:enrollment_id>/accept/",
        views_programs.enrollment_accept,
        name="enrollment_accept",
    ),
    path(
        "enrollments/<int:enrollment_id>/leave/",
        views_programs.enrollment_leave,
        name="enrollment_leave",
    ),
    path("competencies/", views_competencies.competencies, name="competencies"),
    path(
        "competencies/<int:record_id>/delete/",
        views_competencies.competency_delete,
        name="competency_delete",
    ),
    path(
        "competencies/<int:record_id>/signoff/",
        views_competency_signoff.competency_signoff_request,
        name="competency_signoff_request",
    ),
    path(
        "competencies/<int:record_id>/signoff/withdraw/",
        views_competency_signoff.competency_signoff_withdraw,
        name="competency_signoff_withdraw",
    ),
    path(
        "competency-sign/<str:token>/",
        views_competency_signoff.competency_sign,
        name="competency_sign",
    ),
    path("entries/<int:entry_id>/log/", views_hours.hour_log, name="hour_log"),
    path("log/<int:line_id>/delete/", views_hours.hour_log_delete, name="hour_log_delete"),
    path("entries/<int:entry_id>/signoff/", views_hours.signoff_request, name="signoff_request"),
    path(
        "signoffs/<int:signoff_id>/withdraw/",
        views_hours.signoff_withdraw,
        name="signoff_withdraw",
    ),
    path("signoff/<str:token>/", views_hours.signoff, name="signoff"),
    path(
        "signoffs/<int:signoff_id>/answer/",
        views_hours.signoff_answer,
        name="signoff_answer",
    ),
    path(
        "entries/<int:entry_id>/evaluations/",
        views_evaluations.evaluation_request,
        name="evaluation_request",
    ),
    path(
        "evaluations/<int:evaluation_id>/",
        views_evaluations.evaluation_detail,
        name="evaluation",
    ),
    path(
        "evaluations/<int:evaluation_id>/withdraw/",
        views_evaluations.evaluation_withdraw,
        name="evaluation_withdraw",
    ),
    path(
        "evaluations/to-fill/",
        views_evaluations.evaluations_assigned,
        name="evaluations_assigned",
    ),
    path(
        "evaluations/<int:evaluation_id>/fill/",
        views_evaluations.evaluation_fill,
        name="evaluation_fill",
    ),
    path("evaluate/<str:token>/", views_evaluations.evaluate, name="evaluate"),
    # The verifier's page: no account, the signed token is the key (core.signed_links).
    path("verify/<str:token>/", views.verify, name="verify"),
]
