from django.urls import path

from glossary import library_views

app_name = "library"
urlpatterns = [
    path("", library_views.library, name="library"),
    path("articles/<id:pk>/delete/", library_views.article_delete_view, name="article_delete"),
]
