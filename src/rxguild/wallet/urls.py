from django.urls import path

from rxguild.wallet.views import badges, documents, imports, proofs

app_name = "wallet"

urlpatterns = [
    path("", documents.home, name="home"),
    path("documents/<int:document_id>/file", documents.document_file, name="document_file"),
    path("documents/<int:document_id>/delete/", documents.document_delete, name="document_delete"),
    path("review/", documents.review_queue, name="review"),
    path("review/<int:document_id>/", documents.review_decide, name="review_decide"),
    path("import/", imports.badge_import, name="badge_import"),
    path("imported/<int:badge_id>/delete/", imports.imported_badge_delete, name="imported_delete"),
    path("applications/<int:application_id>/proofs/", proofs.proof_attach, name="proof_attach"),
    path("proofs/<int:proof_id>/delete/", proofs.proof_detach, name="proof_detach"),
    path("issued/", badges.badge_issue, name="badge_issue"),
    path("issued/<int:badge_id>/revoke/", badges.badge_revoke, name="badge_revoke"),
    path("badges/<uuid:public_id>/", badges.badge_page, name="badge"),
    path("badges/<uuid:public_id>.json", badges.badge_json, name="badge_json"),
    path("badges/<uuid:public_id>.jwt", badges.badge_jwt, name="badge_jwt"),
    path("issuer", badges.issuer, name="issuer"),
    path("issuer/jwks.json", badges.jwks, name="jwks"),
    path("status/revocation", badges.status_list, name="status_list"),
]
