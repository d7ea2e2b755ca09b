from django.urls import path

from rxguild.jobs import views
from rxguild.jobs.alerts import views as alert_views

app_name = "jobs"

# Part A: search, job pages, feeds, recruiters' postings, review, import.
urlpatterns: list = [
    path("", views.search, name="search"),
    path("feed.jsonld", views.feed_jsonld_view, name="feed_jsonld"),
    path("feed.xml", views.feed_xml_view, name="feed_xml"),
    path("review/", views.review_queue, name="review_queue"),
    path("employer/", views.employer_home, name="employer_home"),
    path("employer/<slug:slug>/new/", views.posting_create, name="posting_create"),
    path("employer/<slug:slug>/import/", views.posting_import, name="posting_import"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/edit/", views.posting_edit, name="posting_edit"),
    path(
        "<uuid:public_id>/<slug:action>/",
        views.posting_action,
        name="posting_action",
    ),
    path("alerts/", alert_views.saved_searches, name="saved_searches"),
    path(
        "alerts/<int:saved_search_id>/", alert_views.saved_search_update, name="saved_search_update"
    ),
    path(
        "alerts/unsubscribe/<str:token>/", alert_views.alert_unsubscribe, name="alert_unsubscribe"
    ),
]
