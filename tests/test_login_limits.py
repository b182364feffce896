"""Login limits that cannot be sidestepped (issue 14, item 6), and throttled reset mail.

Failed logins are counted by django-axes inside authenticate(), on the username as Django's
form compares it, for our login form and the admin's alike.
"""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
FULLWIDTH_LEA = "ｌｅａ"  # U+FF4C U+FF45 U+FF41: NFKC makes it "lea"


@pytest.fixture
def limit_of_three(settings):
    settings.AXES_FAILURE_LIMIT = 3


def fail(client, username, url=None, times=1):
    for _ in range(times):
        response = client.post(url or reverse("login"), {"username": username, "password": "x"})
        assert response.status_code in (200, 429)
    return response


def test_a_fullwidth_look_alike_counts_against_the_same_user_and_does_not_log_in(
    client, limit_of_three
):
    make_user("lea", password=PASSWORD)
    fail(client, "lea", times=2)
    fail(client, FULLWIDTH_LEA)  # the third failure of the same user
    refused = client.post(reverse("login"), {"username": FULLWIDTH_LEA, "password": PASSWORD})
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    refused = client.post(reverse("login"), {"username": "lea", "password": PASSWORD})
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_capital_and_look_alike_spellings_share_one_counter(client, limit_of_three):
    make_user("lea", password=PASSWORD)
    for spelling in ["LEA", "Ｌｅａ", " lea "]:
        fail(client, spelling)
    refused = client.post(reverse("login"), {"username": "lea", "password": PASSWORD})
    assert refused.status_code == 429


def test_the_lockout_page_says_what_happened_and_when_to_try_again(client, limit_of_three):
    make_user("lea", password=PASSWORD)
    fail(client, "lea", times=3)
    refused = client.post(reverse("login"), {"username": "lea", "password": PASSWORD})
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "900"
    page = refused.content.decode()
    assert "Too many attempts to log in" in page
    assert "15 minutes" in page
    assert "<html" in page  # the site's page, not a bare line of text


def test_the_admin_login_is_limited_too(client, limit_of_three):
    make_user("root", password=PASSWORD, is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(2):
        assert client.post(url, {"username": "root", "password": "x"}).status_code == 200
    # The failure that reaches the limit already gets the lockout page.
    assert client.post(url, {"username": "root", "password": "x"}).status_code == 429
    refused = client.post(url, {"username": "root", "password": PASSWORD, "next": "/admin/"})
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_on_the_admin_and_the_site_share_one_count(client, limit_of_three):
    make_user("root", password=PASSWORD, is_staff=True)
    fail(client, "root", url=reverse("admin:login"), times=2)
    fail(client, "root")
    refused = client.post(reverse("login"), {"username": "root", "password": PASSWORD})
    assert refused.status_code == 429


def test_a_correct_password_logs_in(client):
    make_user("lea", password=PASSWORD)
    response = client.post(reverse("login"), {"username": "lea", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_another_address_is_not_locked_out_by_a_guesser(client, limit_of_three):
    make_user("lea", password=PASSWORD)
    fail(client, "lea", times=5)
    response = client.post(
        reverse("login"), {"username": "lea", "password": PASSWORD}, REMOTE_ADDR="192.0.2.7"
    )
    assert response.status_code == 302


def test_refused_tries_on_a_locked_account_do_not_count_towards_the_address(
    client, settings, limit_of_three
):
    """One student hammering one account behind a school's NAT cannot lock the school."""
    settings.LOGIN_RATE_PER_ADDRESS = 6
    make_user("tom", password="another good passphrase")
    fail(client, "lea", times=20)
    response = client.post(
        reverse("login"), {"username": "tom", "password": "another good passphrase"}
    )
    assert response.status_code == 302


def test_logging_into_ones_own_account_does_not_clear_the_address_count(
    client, settings, limit_of_three
):
    settings.LOGIN_RATE_PER_ADDRESS = 5
    own = {"username": "mallory", "password": "my own passphrase 1"}
    make_user("mallory", password=own["password"])
    for name in ["anna", "ben"]:
        fail(client, name, times=2)
    assert client.post(reverse("login"), own).status_code == 302
    client.logout()
    assert fail(client, "carl").status_code == 429  # the address's fifth failure
    assert client.post(reverse("login"), own).status_code == 429


# --- Password reset mail ------------------------------------------------------------------


def ask_for_reset(client, email, address="198.51.100.4"):
    response = client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    return response


def test_reset_mail_stops_after_the_limit_per_address(client, settings):
    settings.PASSWORD_RESET_PER_EMAIL = 2
    make_user("lea", password=PASSWORD, email="lea@example.org")
    for i, spelling in enumerate(["lea@example.org", "LEA@example.org", "lea@example.org"]):
        # Each from another client, so only the per-address limit can stop the third.
        ask_for_reset(client, spelling, address=f"198.51.100.{i + 1}")
    assert len(mail.outbox) == 2
    page = client.get(reverse("password_reset_done"))
    assert "If an account uses that address" in page.content.decode()


def test_reset_mail_stops_after_the_limit_per_client(client, settings):
    settings.PASSWORD_RESET_PER_CLIENT = 3
    for name in ["a", "b", "c", "d", "e"]:
        make_user(name, password=PASSWORD, email=f"{name}@example.org")
        ask_for_reset(client, f"{name}@example.org")
    assert [m.to for m in mail.outbox] == [["a@example.org"], ["b@example.org"], ["c@example.org"]]
    ask_for_reset(client, "d@example.org", address="203.0.113.9")
    assert len(mail.outbox) == 4


def test_asking_for_an_unknown_address_looks_the_same_and_sends_nothing(client):
    response = ask_for_reset(client, "nobody@example.org")
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []
