"""Routes of the experience ledger, mounted at /experience/ in the `experience` namespace."""

from django.urls import path

from rxguild.experience import views

app_name = "experience"

urlpatterns = [
    path("", views.ledger_home, name="home"),
    path("entries/add/", views.entry_add, name="entry_add"),
    path("entries/<int:entry_id>/", views.entry_edit, name="entry_edit"),
    path("entries/<int:entry_id>/delete/", views.entry_delete, name="entry_delete"),
]
