from django.urls import path

from rxguild.profiles import views

app_name = "profiles"

urlpatterns = [
    path("", views.profile_edit, name="edit"),
    path("sections/<slug:section>/", views.section, name="section"),
    path("handle/", views.handle_save, name="handle"),
    path("open-to/", views.open_to_save, name="open_to"),
    path("renewal/", views.renewal_details_save, name="renewal"),
    path("work/", views.work_add, name="work_add"),
    path("work/<int:work_id>/", views.work_edit, name="work_edit"),
    path("work/<int:work_id>/delete/", views.work_delete, name="work_delete"),
    path("education/", views.education_add, name="education_add"),
    path("education/<int:education_id>/", views.education_edit, name="education_edit"),
    path("education/<int:education_id>/delete/", views.education_delete, name="education_delete"),
    path("credentials/", views.credential_add, name="credential_add"),
    path("credentials/<int:held_id>/", views.credential_edit, name="credential_edit"),
    path("credentials/<int:held_id>/delete/", views.credential_delete, name="credential_delete"),
    path("skills/", views.skills_save, name="skills"),
    path("skills/search/", views.skills_search, name="skills_search"),
    path("skills/options/", views.skill_options, name="skill_options"),
    path("skills/add/", views.skill_add, name="skill_add"),
    path("skills/<int:profile_skill_id>/level/", views.skill_level, name="skill_level"),
    path("skills/<int:profile_skill_id>/remove/", views.skill_remove, name="skill_remove"),
    path("photo/", views.photo_upload, name="photo"),
    path("photo/remove/", views.photo_remove, name="photo_remove"),
    path("export.json", views.export_json_resume, name="export"),
    path("import/", views.import_json_resume, name="import"),
]
