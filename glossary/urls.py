from django.urls import path

from glossary import views

app_name = "glossary"
urlpatterns = [
    path("", views.vocabulary, name="vocabulary"),
    path("save/", views.word_save, name="word_save"),
    path("status/", views.word_status, name="word_status"),
    path("articles/<id:pk>/rest-known/", views.rest_known, name="rest_known"),
    path("articles/<id:pk>/rest-known/undo/", views.rest_known_undo, name="rest_known_undo"),
    path("words/<id:pk>/", views.word_row, name="word_row"),
    path("words/<id:pk>/edit/", views.word_edit, name="word_edit"),
    path("words/<id:pk>/delete/", views.word_delete, name="word_delete"),
    path("words/<id:pk>/status/", views.saved_word_status, name="saved_word_status"),
    path("export.apkg", views.export, {"fmt": "apkg"}, name="export_apkg"),
    path("export.tsv", views.export, {"fmt": "tsv"}, name="export_tsv"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("articles/<id:pk>/deck.apkg", views.article_deck_download, name="article_deck"),
    path("exports/<id:pk>/", views.export_detail, name="export_detail"),
    path("exports/<id:pk>/download/", views.export_download, name="export_download"),
    path("exports/<id:pk>/retry/", views.export_retry, name="export_retry"),
]
