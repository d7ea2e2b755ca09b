"""The stable public address of a profile: /p/<handle>/ (mounted at p/ by rxguild.urls)."""

from django.urls import path

from rxguild.profiles import views

app_name = "profiles_public"

urlpatterns = [
    path("<slug:handle>/", views.public_profile, name="detail"),
    path("<slug:handle>/photo", views.profile_photo, name="photo"),
]
