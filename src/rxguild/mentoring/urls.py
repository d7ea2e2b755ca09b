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
]
