from django.urls import path

from rxguild.ce import views

app_name = "ce"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("transcript/", views.transcript, name="transcript"),
    path("records/add/", views.record_add, name="record_add"),
    path("records/<int:record_id>/edit/", views.record_edit, name="record_edit"),
    path("records/<int:record_id>/delete/", views.record_delete, name="record_delete"),
    path("records/<int:record_id>/reported/", views.record_reported, name="record_reported"),
    path("records/<int:record_id>/proof/", views.record_proof, name="record_proof"),
    path("uan-lookup/", views.uan_lookup, name="uan_lookup"),
    path("certificates/upload/", views.certificate_upload, name="certificate_upload"),
    path(
        "certificates/<int:upload_id>/confirm/",
        views.certificate_confirm,
        name="certificate_confirm",
    ),
    path("import/", views.csv_import, name="csv_import"),
    path("export/transcript.csv", views.export_csv, name="export_csv"),
    path("export/transcript.pdf", views.export_pdf, name="export_pdf"),
    path("courses/", views.course_catalog, name="courses"),
    path("courses/import/", views.course_import, name="course_import"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("staff/members/<int:member_id>/", views.staff_transcript, name="staff_transcript"),
]
