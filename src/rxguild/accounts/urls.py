from django.urls import path

from rxguild.accounts import views, views_data

app_name = "accounts"

urlpatterns = [
    path("", views.account_settings, name="settings"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("data/", views_data.data_page, name="data"),
    path("data/export/", views_data.export_request_view, name="export_request"),
    path("data/export/<int:export_id>/", views_data.export_download, name="export_download"),
    path("delete/", views_data.account_delete, name="delete"),
    path("delete/cancel/<str:token>/", views_data.deletion_cancel_view, name="deletion_cancel"),
]
