from django.urls import path

from rxguild.wallet.views import documents

app_name = "wallet"

urlpatterns = [
    path("", documents.home, name="home"),
    path("documents/<int:document_id>/file", documents.document_file, name="document_file"),
    path("documents/<int:document_id>/delete/", documents.document_delete, name="document_delete"),
    path("review/", documents.review_queue, name="review"),
    path("review/<int:document_id>/", documents.review_decide, name="review_decide"),
]
