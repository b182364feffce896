"""Who is logged in, read on every request (accounts/sessions.py, accounts/backends.py): the
same answers as Django's own session store and ModelBackend give."""

import datetime as dt

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def logged_in_as(client) -> str | None:
    """The name the page frame shows, None for a visitor."""
    html = client.get(reverse("reader:article_list")).content.decode()
    if 'class="who"' not in html:
        return None
    return html.split('class="who">', 1)[1].split("<", 1)[0]


def log_in(client, username="lea"):
    make_user(username, password=PASSWORD)
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def test_a_logged_in_reader_stays_logged_in_from_page_to_page(client):
    log_in(client)
    assert logged_in_as(client) == "lea"
    assert logged_in_as(client) == "lea"


def test_what_a_request_stores_in_the_session_is_there_on_the_next(client):
    log_in(client)
    session = client.session
    session["quiz"] = {"answers": [1, 0, 2], "word": "Häuserkampf"}
    session.save()
    assert client.session["quiz"] == {"answers": [1, 0, 2], "word": "Häuserkampf"}


def test_an_expired_session_logs_the_reader_out(client):
    log_in(client)
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert logged_in_as(client) is None


def test_an_unknown_session_key_is_a_visitor_and_gets_a_new_key_when_it_stores_something(client):
    client.cookies["sessionid"] = "x" * 32
    assert logged_in_as(client) is None
    client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    assert client.cookies["sessionid"].value != "x" * 32


def test_logging_out_ends_the_session_for_a_copied_cookie_too(client, django_user_model):
    from django.test import Client

    log_in(client)
    thief = Client()
    thief.cookies["sessionid"] = client.cookies["sessionid"].value
    assert logged_in_as(thief) == "lea"
    client.post(reverse("logout"))
    assert logged_in_as(thief) is None


def test_a_deactivated_user_is_logged_out_at_the_next_request(client):
    log_in(client)
    get_user_model().objects.filter(username="lea").update(is_active=False)
    assert logged_in_as(client) is None


def test_a_deleted_user_is_logged_out_at_the_next_request(client):
    log_in(client)
    get_user_model().objects.filter(username="lea").delete()
    assert logged_in_as(client) is None


def test_a_password_change_elsewhere_logs_this_session_out(client):
    log_in(client)
    user = get_user_model().objects.get(username="lea")
    user.set_password("another correct horse")
    user.save()
    assert logged_in_as(client) is None


def test_the_user_loaded_per_request_has_real_field_values(client):

    from accounts.backends import ModelBackend

    log_in(client)
    user = get_user_model().objects.get(username="lea")
    loaded = ModelBackend().get_user(user.pk)
    assert loaded == user
    assert isinstance(loaded.last_login, dt.datetime) and loaded.last_login == user.last_login
    assert loaded.is_active is True and loaded.username == "lea"
    assert ModelBackend().get_user(user.pk + 1000) is None


def test_a_session_made_by_djangos_own_backend_still_logs_its_user_in(client):
    log_in(client)
    session = client.session
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session.save()
    assert logged_in_as(client) == "lea"


def test_signing_up_logs_in_through_the_projects_backend(client):
    client.post(
        reverse("signup"),
        {
            "username": "neu",
            "email": "neu@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert client.session[BACKEND_SESSION_KEY] == "accounts.backends.ModelBackend"
    assert logged_in_as(client) == "neu"
