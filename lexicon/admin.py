from django.contrib import admin

from lexicon.models import LookupSite


@admin.register(LookupSite)
class LookupSiteAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "url_template", "position", "enabled"]
    list_editable = ["position", "enabled"]
    list_filter = ["kind", "enabled"]
