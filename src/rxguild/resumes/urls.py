from django.urls import path

from rxguild.resumes import views

app_name = "resumes"

urlpatterns = [
    path("", views.resume_list, name="list"),
    path("new/from-profile/", views.resume_create_from_profile, name="create_from_profile"),
    path("new/blank/", views.resume_create_blank, name="create_blank"),
    path("import/", views.resume_import, name="import"),
    path("import/<int:file_id>/", views.resume_import_confirm, name="import_confirm"),
    path("<int:resume_id>/", views.resume_detail, name="detail"),
    path("<int:resume_id>/preview/", views.resume_preview, name="builder_preview"),
    path("<int:resume_id>/delete/", views.resume_delete, name="delete"),
    path("<int:resume_id>/export.<str:fmt>", views.resume_export, name="export"),
    path("<int:resume_id>/analyze/", views.resume_analyze, name="analyze"),
    path("<int:resume_id>/analyze/target/", views.resume_target, name="target"),
    path("<int:resume_id>/analyze/preview/", views.resume_analyze_preview, name="preview"),
    path("<int:resume_id>/analyze/save/", views.resume_analyze_save, name="analyze_save"),
]
