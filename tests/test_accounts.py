"""Accounts: sign-up with Django's password rules, log in/out, password reset by e-mail,
and the role an admin can change."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts.models import Profile, Role
from accounts.selectors import profile_for, user_is_teacher, user_role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_signup_creates_a_logged_in_learner(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "mara",
            "email": "mara@example.org",
            "password1": "Fernweh-und-Kaffee-42",
            "password2": "Fernweh-und-Kaffee-42",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="mara")
    assert user.profile.role == Role.LEARNER
    assert client.get(reverse("reader:article_list")).context["user"] == user


def test_signup_rejects_a_common_password(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "mara",
            "email": "mara@example.org",
            "password1": "password",
            "password2": "password",
        },
    )
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    assert not get_user_model().objects.filter(username="mara").exists()


def test_signup_ignores_an_offsite_next_url(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "mara",
            "email": "m@example.org",
            "password1": "Fernweh-und-Kaffee-42",
            "password2": "Fernweh-und-Kaffee-42",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("reader:article_list")


def test_login_and_logout(client):
    make_user("lea", password="correct horse battery")
    response = client.post(
        reverse("login"), {"username": "lea", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_login_page_links_to_signup_and_reset(client):
    html = client.get(reverse("login")).content.decode()
    assert reverse("signup") in html and reverse("password_reset") in html


def test_password_reset_mail_link_lets_the_user_choose_a_new_password(client):
    make_user("lea", password="correct horse battery", email="lea@example.org")
    client.post(reverse("password_reset"), {"email": "lea@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Neues-Passwort-2026", "new_password2": "Neues-Passwort-2026"},
    )
    assert response.status_code == 302
    assert client.login(username="lea", password="Neues-Passwort-2026")


def test_user_without_profile_row_counts_as_learner_and_gets_one():
    user = make_user("admin-made")
    Profile.objects.filter(user=user).delete()
    assert user_role(user) == Role.LEARNER
    assert Profile.objects.filter(user=user).exists()


def test_admin_can_make_a_user_a_teacher(admin_client):
    user = make_user("frau-berg")
    profile = profile_for(user)
    response = admin_client.get(reverse("admin:accounts_profile_changelist"))
    assert response.status_code == 200
    admin_client.post(
        reverse("admin:accounts_profile_change", args=[profile.pk]),
        {"user": user.pk, "role": "teacher"},
    )
    user.refresh_from_db()
    assert user_is_teacher(user)


def test_user_admin_page_shows_the_role_inline(admin_client):
    user = make_user("frau-berg")
    response = admin_client.get(reverse("admin:auth_user_change", args=[user.pk]))
    assert response.status_code == 200
    assert (
        "profile-0-role" in response.content.decode() or "profile-role" in response.content.decode()
    )


def test_set_role_command_makes_a_teacher_and_names_a_missing_user(db):
    from django.core.management import CommandError, call_command

    from accounts.selectors import user_is_teacher
    from tests.factories import make_user

    user = make_user("frau_berg")
    call_command("set_role", "frau_berg", "teacher", verbosity=0)
    assert user_is_teacher(user)
    with pytest.raises(CommandError, match="sign up first"):
        call_command("set_role", "nobody", "teacher")
