"""Staff create training programs, name their coordinators and invite students here (a student
must accept before the coordinator sees anything); everything else is the members' own and is
changed through the pages and API."""

from django.contrib import admin

from rxguild.experience.models import Enrollment, TrainingProgram


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    fields = ("student", "status", "entry", "invited_at", "ended_at")
    readonly_fields = ("status", "entry", "invited_at", "ended_at")
    raw_id_fields = ("student",)
    extra = 0


@admin.register(TrainingProgram)
class TrainingProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "required_hours")
    search_fields = ("name", "organization")
    filter_horizontal = ("coordinators",)
    inlines = [EnrollmentInline]
