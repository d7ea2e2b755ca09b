"""Routes of the tracker, applying and the employer pipeline. Mounted under /jobs/ (the paths
they had inside the jobs app), in the `tracker` namespace."""

from django.urls import path

from rxguild.tracker.views import employer, member

app_name = "tracker"

urlpatterns = [
    path("tracker/", member.tracker_board, name="board"),
    path("tracker/external/", member.tracker_add_external, name="add_external"),
    path("tracker/<int:application_id>/", member.tracker_detail, name="detail"),
    path("tracker/<int:application_id>/move/", member.tracker_move, name="move"),
    path("tracker/<int:application_id>/delete/", member.tracker_delete, name="delete"),
    path(
        "tracker/<int:application_id>/contacts/",
        member.tracker_contact_add,
        name="contact_add",
    ),
    path(
        "tracker/contacts/<int:contact_id>/delete/",
        member.tracker_contact_delete,
        name="contact_delete",
    ),
    path(
        "tracker/resumes/<int:resume_id>/",
        member.tracker_resume_download,
        name="resume",
    ),
    path("track/<uuid:public_id>/", member.tracker_track_posting, name="track_posting"),
    path("apply/<uuid:public_id>/", member.tracker_apply, name="apply"),
    path("apply/<uuid:public_id>/preview/", member.tracker_apply_preview, name="apply_preview"),
    path("interviews/", member.interviews, name="interviews"),
    path("interviews/<int:interview_id>/delete/", member.interview_delete, name="interview_delete"),
    path(
        "employer/applicants/", employer.employer_applicants_home, name="employer_applicants_home"
    ),
    path(
        "employer/postings/<uuid:public_id>/applicants/",
        employer.employer_applicants,
        name="employer_applicants",
    ),
    path(
        "employer/applicants/<int:application_id>/",
        employer.employer_applicant_detail,
        name="employer_applicant",
    ),
    path(
        "employer/applicants/<int:application_id>/resume/",
        employer.employer_applicant_resume,
        name="employer_applicant_resume",
    ),
    path("employer/<int:employer_id>/stages/", employer.employer_stages, name="employer_stages"),
]
