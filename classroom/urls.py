from django.urls import path

app_name = "classroom"
urlpatterns: list = []
