"""Written recommendations between members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rxguild.core.forms import form_add_service_errors
from rxguild.core.ratelimit import RateLimited
from rxguild.growth import access, services
from rxguild.growth.forms import (
    RecommendationForm,
)
from rxguild.growth.models import Recommendation
from rxguild.profiles.selectors import profile_get_for_viewer

# --- Recommendations -----------------------------------------------------------------------


@login_required
def recommendations(request: HttpRequest) -> HttpResponse:
    received = list(
        Recommendation.objects.filter(receiver_id=request.user.pk).select_related("author")
    )
    written = list(
        Recommendation.objects.filter(author_id=request.user.pk).select_related("receiver")
    )
    return render(
        request,
        "growth/recommendations.html",
        {
            "pending": [r for r in received if r.status == Recommendation.Status.PENDING],
            "approved": [r for r in received if r.status == Recommendation.Status.APPROVED],
            "written": written,
        },
    )


@login_required
def recommendation_write(request: HttpRequest, handle: str) -> HttpResponse:
    # Only a profile the author may see can be recommended (profiles.access decides).
    view = profile_get_for_viewer(request.user, handle)
    form = RecommendationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_write(
                author=request.user,
                receiver=view.profile.user,
                relationship=form.cleaned_data["relationship"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        except RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        else:
            messages.success(
                request, f"Sent. {view.display_name} decides whether it appears on their profile."
            )
            return redirect("growth:recommendations")
    if form.errors and status == 200:
        status = 422
    return render(
        request, "growth/recommendation_write.html", {"view": view, "form": form}, status=status
    )


@login_required
@require_POST
def recommendation_decide(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = access.recommendation_get_for_receiver(request.user, recommendation_id)
    approve = request.POST.get("action") == "approve"
    services.recommendation_decide(recommendation=recommendation, approve=approve)
    messages.success(
        request, "It now appears on your profile." if approve else "It will not be shown."
    )
    return redirect("growth:recommendations")


@login_required
@require_POST
def recommendation_withdraw(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = access.recommendation_get_for_author(request.user, recommendation_id)
    services.recommendation_withdraw(recommendation=recommendation)
    messages.success(request, "Recommendation withdrawn.")
    return redirect("growth:recommendations")
