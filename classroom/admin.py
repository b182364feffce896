from django.contrib import admin

from classroom.models import Assignment, Classroom, Membership
from reader.models import Correction


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["student"]


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ["name", "teacher", "join_code", "created_at", "closed_at"]
    search_fields = ["name", "teacher__username", "join_code"]
    raw_id_fields = ["teacher"]
    inlines = [MembershipInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["article", "classroom", "due_at", "created_at"]
    raw_id_fields = ["article", "classroom"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["article", "kind", "key", "sentence", "created_by", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["article", "created_by"]
