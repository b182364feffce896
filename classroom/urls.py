from django.urls import path

from classroom import views

app_name = "classroom"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.classroom_create, name="classroom_create"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join, name="join_code"),
    path("<id:pk>/", views.classroom_detail, name="classroom_detail"),
    path("<id:pk>/close/", views.classroom_close, name="classroom_close"),
    path("<id:pk>/students/<id:user_id>/remove/", views.student_remove, name="student_remove"),
    path("<id:pk>/assign/", views.assignment_create, name="assignment_create"),
    path("articles/new/", views.article_add, name="article_add"),
    path("articles/<id:pk>/review/", views.article_review, name="article_review"),
    path("articles/<id:pk>/publish/", views.article_publish, name="article_publish"),
    path("articles/<id:pk>/copy/", views.article_copy, name="article_copy"),
    path("articles/<id:pk>/status/", views.article_status, name="article_status"),
    path("articles/<id:pk>/review/words/<id:s>/<id:t>/", views.review_word, name="review_word"),
    path("articles/<id:pk>/corrections/<str:kind>/", views.correction_add, name="correction_add"),
    path(
        "articles/<id:pk>/corrections/<id:correction_id>/delete/",
        views.correction_delete,
        name="correction_delete",
    ),
    path("assignments/<id:pk>/", views.assignment_read, name="assignment_read"),
    path("assignments/<id:pk>/finished/", views.assignment_finish, name="assignment_finish"),
    path(
        "assignments/<id:pk>/quiz-settings/",
        views.assignment_quiz_settings,
        name="assignment_quiz_settings",
    ),
    path("assignments/<id:pk>/delete/", views.assignment_delete, name="assignment_delete"),
    path("assignments/<id:pk>/dashboard/", views.assignment_dashboard, name="assignment_dashboard"),
    path("assignments/<id:pk>/results.csv", views.assignment_csv, name="assignment_csv"),
    path("assignments/<id:pk>/deck.apkg", views.assignment_deck, name="assignment_deck"),
    path(
        "assignments/<id:pk>/answers/<id:user_id>/",
        views.assignment_answers,
        name="assignment_answers",
    ),
]
