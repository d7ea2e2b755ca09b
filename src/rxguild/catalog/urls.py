from django.urls import path

from rxguild.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.index, name="index"),
    path("credentials/", views.credential_list, name="credentials"),
    path("credentials/<slug:code>/", views.credential_detail, name="credential"),
    path("practice-settings/", views.practice_setting_list, name="practice_settings"),
    path("specializations/", views.specialization_list, name="specializations"),
    path("skills/", views.skill_list, name="skills"),
    path("wages/", views.wage_list, name="wages"),
    path("states/", views.state_list, name="states"),
    path("states/facts/", views.fact_review, name="fact_review"),
    path("states/<slug:code>/", views.state_detail, name="state"),
]
