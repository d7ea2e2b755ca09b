"""JSON Resume download and upload."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from rxguild.core.jsonsafe import JsonInputError, json_loads
from rxguild.profiles import selectors, services
from rxguild.profiles.forms import JsonResumeImportForm
from rxguild.profiles.jsonresume_export import profile_to_json_resume
from rxguild.profiles.views.common import edit_context, post_for_section

MAX_RESUME_BYTES = 1024 * 1024


@login_required
@require_GET
def export_json_resume(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_full_for_owner(request.user)
    public_url = request.build_absolute_uri(
        reverse("profiles_public:detail", args=[profile.handle])
    )
    response = JsonResponse(
        profile_to_json_resume(profile, public_url=public_url), json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="rxguild-resume.json"'
    return response


@login_required
@post_for_section("json-resume")
def import_json_resume(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_for_owner(request.user)
    form = JsonResumeImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["resume_file"]
        raw = upload.read(MAX_RESUME_BYTES + 1)
        if len(raw) > MAX_RESUME_BYTES:
            form.add_error("resume_file", "That file is too large: the limit is 1 MB.")
        else:
            try:
                document = json_loads(raw)
            except JsonInputError as error:
                form.add_error("resume_file", f"That file is not valid JSON: {error}")
            else:
                try:
                    report = services.profile_import_json_resume(profile=profile, document=document)
                except ValidationError as error:
                    problems = [
                        f"{where}: {message}"
                        for where, field_messages in error.message_dict.items()
                        for message in field_messages
                    ]
                    form.add_error("resume_file", ["Nothing was imported.", *problems])
                else:
                    for line in report.messages:
                        messages.warning(request, line)
                    messages.success(request, "Imported your JSON Resume.")
                    return redirect(reverse("profiles:edit"))
    profile = selectors.profile_full_for_owner(request.user)
    return render(request, "profiles/edit.html", edit_context(request, profile, import_form=form))
