from django.urls import path

from reader.quiz import views

# Included from reader/urls.py, so these names live in the "reader" namespace.
urlpatterns = [
    path("articles/<id:pk>/quiz/", views.quiz_take, name="quiz_take"),
    path("articles/<id:pk>/quiz/<id:qid>/answer/", views.quiz_answer, name="quiz_answer"),
    path("articles/<id:pk>/quiz/retry/", views.quiz_retry, name="quiz_retry"),
    path("articles/<id:pk>/quiz/edit/", views.quiz_edit, name="quiz_edit"),
    path("articles/<id:pk>/quiz/edit/regenerate/", views.quiz_regenerate, name="quiz_regenerate"),
    path(
        "articles/<id:pk>/quiz/edit/retry/", views.quiz_generate_retry, name="quiz_generate_retry"
    ),
    path(
        "articles/<id:pk>/quiz/edit/<id:qid>/",
        views.quiz_question_edit,
        name="quiz_question_edit",
    ),
    path(
        "articles/<id:pk>/quiz/edit/<id:qid>/drop/",
        views.quiz_question_drop,
        name="quiz_question_drop",
    ),
    path(
        "articles/<id:pk>/quiz/edit/<id:qid>/move/",
        views.quiz_question_move,
        name="quiz_question_move",
    ),
]
