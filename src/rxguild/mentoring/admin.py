"""Site staff create programs here (name, organizer, window, question, weights, staff);
everything else in a program is done on its pages."""

from django.contrib import admin

from rxguild.mentoring.models import Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "organizer", "status", "enrol_opens", "enrol_closes")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("staff",)
    exclude = ("unmatched",)
