from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role"]
    list_editable = ["role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ["role"]


# The role is edited where an admin looks for a person: on the user's own page.
User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class RandnotizUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = [*UserAdmin.list_display, "role"]
    list_select_related = ["profile"]

    @admin.display(description="role")
    def role(self, obj) -> str:
        profile = getattr(obj, "profile", None)
        return profile.get_role_display() if profile else "Learner"
