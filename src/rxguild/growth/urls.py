from django.urls import path

from rxguild.growth import views

app_name = "growth"

urlpatterns = [
    path("", views.home, name="home"),
    path("assess/<slug:code>/", views.assess, name="assess"),
    path("history/<slug:code>/", views.history, name="history"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment"),
    path(
        "assessments/<int:assessment_id>/delete/",
        views.assessment_delete,
        name="assessment_delete",
    ),
    path("staff/members/<int:member_id>/", views.staff_member, name="staff_member"),
]
