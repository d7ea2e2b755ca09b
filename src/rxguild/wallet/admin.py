from django.contrib import admin

from rxguild.wallet.models import CredentialDocument


@admin.register(CredentialDocument)
class CredentialDocumentAdmin(admin.ModelAdmin):
    # Review happens on /wallet/review/ through the services; the admin only looks.
    list_display = ("original_name", "member", "status", "submitted_at", "reviewed_at")
    list_filter = ("status",)
    readonly_fields = ("member", "credential_held", "file", "status", "reviewed_by_name")
