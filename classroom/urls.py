from django.urls import path

from classroom import views

app_name = "classroom"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.classroom_create, name="classroom_create"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join, name="join_code"),
    path("<int:pk>/", views.classroom_detail, name="classroom_detail"),
    path("<int:pk>/close/", views.classroom_close, name="classroom_close"),
    path("<int:pk>/students/<int:user_id>/remove/", views.student_remove, name="student_remove"),
    path("<int:pk>/assign/", views.assignment_create, name="assignment_create"),
    path("articles/new/", views.article_add, name="article_add"),
    path("articles/<int:pk>/review/", views.article_review, name="article_review"),
    path("articles/<int:pk>/status/", views.article_status, name="article_status"),
    path("articles/<int:pk>/review/words/<int:s>/<int:t>/", views.review_word, name="review_word"),
    path("articles/<int:pk>/corrections/<str:kind>/", views.correction_add, name="correction_add"),
    path(
        "articles/<int:pk>/corrections/<int:correction_id>/delete/",
        views.correction_delete,
        name="correction_delete",
    ),
    path("assignments/<int:pk>/", views.assignment_read, name="assignment_read"),
    path("assignments/<int:pk>/finished/", views.assignment_finish, name="assignment_finish"),
    path("assignments/<int:pk>/delete/", views.assignment_delete, name="assignment_delete"),
    path(
        "assignments/<int:pk>/dashboard/", views.assignment_dashboard, name="assignment_dashboard"
    ),
    path("assignments/<int:pk>/results.csv", views.assignment_csv, name="assignment_csv"),
    path("assignments/<int:pk>/deck.apkg", views.assignment_deck, name="assignment_deck"),
    path(
        "assignments/<int:pk>/answers/<int:user_id>/",
        views.assignment_answers,
        name="assignment_answers",
    ),
]
