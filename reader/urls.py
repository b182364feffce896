from django.urls import include, path

from reader import views

app_name = "reader"
urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/<id:pk>/", views.article_detail, name="article_detail"),
    path("articles/<id:pk>/position/", views.reading_position, name="reading_position"),
    path("articles/<id:pk>/words/<id:s>/<id:t>/", views.word_popover, name="word_popover"),
    path("articles/<id:pk>/words/<id:s>/<id:t>/lookup/", views.word_lookup, name="word_lookup"),
    path("", include("reader.quiz.urls")),
]
