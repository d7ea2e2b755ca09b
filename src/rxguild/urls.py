from django.contrib import admin
from django.urls import include, path

from rxguild.api.main import api

handler403 = "rxguild.core.errors.permission_denied"
handler404 = "rxguild.core.errors.page_not_found"
handler500 = "rxguild.core.errors.server_error"

urlpatterns = [
    path("", include("rxguild.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("rxguild.accounts.urls")),
    path("profile/", include("rxguild.profiles.urls")),
    path("p/", include("rxguild.profiles.public_urls")),
    path("catalog/", include("rxguild.catalog.urls")),
    path("ce/", include("rxguild.ce.urls")),
    path("jobs/", include("rxguild.jobs.urls")),
    path("jobs/", include("rxguild.tracker.urls")),
    path("resumes/", include("rxguild.resumes.urls")),
    path("community/", include("rxguild.community.urls")),
    path("mentoring/", include("rxguild.mentoring.urls")),
    path("growth/", include("rxguild.growth.urls")),
    path("roadmap/", include("rxguild.roadmap.urls")),
    path("experience/", include("rxguild.experience.urls")),
    path("wallet/", include("rxguild.wallet.urls")),
    path("api/v1/", api.urls),
    path("staff/admin/", admin.site.urls),
]
