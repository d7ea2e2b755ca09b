"""Routes of the tracker, applying, saved searches and the employer pipeline (under /jobs/),
included by jobs/urls.py."""

from django.urls import path

from rxguild.jobs import tracking_views as views

urlpatterns = [
    path("tracker/", views.tracker_board, name="tracker"),
    path("tracker/external/", views.tracker_add_external, name="tracker_add_external"),
    path("tracker/<int:application_id>/", views.tracker_detail, name="tracker_detail"),
    path("tracker/<int:application_id>/move/", views.tracker_move, name="tracker_move"),
    path("tracker/<int:application_id>/delete/", views.tracker_delete, name="tracker_delete"),
    path(
        "tracker/<int:application_id>/contacts/",
        views.tracker_contact_add,
        name="tracker_contact_add",
    ),
    path(
        "tracker/contacts/<int:contact_id>/delete/",
        views.tracker_contact_delete,
        name="tracker_contact_delete",
    ),
    path(
        "tracker/resumes/<int:resume_id>/",
        views.tracker_resume_download,
        name="tracker_resume",
    ),
    path("track/<uuid:public_id>/", views.tracker_track_posting, name="tracker_track_posting"),
    path("apply/<uuid:public_id>/", views.tracker_apply, name="tracker_apply"),
    path("interviews/", views.interviews, name="interviews"),
    path("interviews/<int:interview_id>/delete/", views.interview_delete, name="interview_delete"),
    path("alerts/", views.saved_searches, name="saved_searches"),
    path("alerts/<int:saved_search_id>/", views.saved_search_update, name="saved_search_update"),
    path("alerts/unsubscribe/<str:token>/", views.alert_unsubscribe, name="alert_unsubscribe"),
    path("employer/applicants/", views.employer_applicants_home, name="employer_applicants_home"),
    path(
        "employer/postings/<uuid:public_id>/applicants/",
        views.employer_applicants,
        name="employer_applicants",
    ),
    path(
        "employer/applicants/<int:application_id>/",
        views.employer_applicant_detail,
        name="employer_applicant",
    ),
    path(
        "employer/applicants/<int:application_id>/resume/",
        views.employer_applicant_resume,
        name="employer_applicant_resume",
    ),
    path("employer/<int:employer_id>/stages/", views.employer_stages, name="employer_stages"),
]
