from django.urls import path

from accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    # Before django.contrib.auth.urls (config/urls.py), whose view this replaces.
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
]
