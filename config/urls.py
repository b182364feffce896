from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("reader.urls")),
    path("vocabulary/", include("glossary.urls")),
    path("library/", include("glossary.library_urls")),
    path("classes/", include("classroom.urls")),
]
