"""Production settings, static files and login protection.

Settings are read once per process, so production mode is checked in a subprocess with the
environment a deployment would set.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import make_user

ROOT = Path(__file__).resolve().parent.parent


def production_env(**extra) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="randnotiz.school.example",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    env.update(extra)
    return env


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_production_mode():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_turn_debug_off_and_cookies_secure():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ['DEBUG', 'SESSION_COOKIE_SECURE', "
        "'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SECURE_SSL_REDIRECT', "
        "'ALLOWED_HOSTS']}))"
    )
    result = run_python(code, production_env())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "ALLOWED_HOSTS": ["randnotiz.school.example"],
    }


def test_collectstatic_gives_hashed_names_that_whitenoise_serves_for_a_year(tmp_path):
    env = production_env(STATIC_ROOT=str(tmp_path / "static"))
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collect.returncode == 0, collect.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/randnotiz.css"]
    assert hashed != "css/randnotiz.css" and hashed.startswith("css/randnotiz.")
    # The page links the hashed name; whitenoise serves it with a far-future cache header.
    code = (
        "import django; django.setup()\n"
        "from django.templatetags.static import static\n"
        "from django.test import Client\n"
        "url = static('css/randnotiz.css')\n"
        "r = Client().get(url, secure=True, headers={'host': 'randnotiz.school.example'})\n"
        "print(url, r.status_code, r.headers.get('Cache-Control'))\n"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    url, status, cache_control = result.stdout.split(maxsplit=2)
    assert url == f"/static/{hashed}"
    assert status == "200"
    assert "immutable" in cache_control


# --- Login protection ---------------------------------------------------------------------


@pytest.mark.django_db
def test_repeated_failed_logins_are_refused_with_429(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user("lea", password="correct horse battery")
    url = reverse("login")
    for _ in range(2):
        response = client.post(url, {"username": "lea", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    # The failure that reaches the limit is answered with the lockout page already.
    assert client.post(url, {"username": "lea", "password": "wrong"}).status_code == 429
    refused = client.post(url, {"username": "lea", "password": "correct horse battery"})
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_limit_is_per_username_so_others_behind_the_same_address_can_log_in(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user("lea", password="correct horse battery")
    make_user("tom", password="another good passphrase")
    url = reverse("login")
    for _ in range(4):
        client.post(url, {"username": "lea", "password": "wrong"})
    ok = client.post(url, {"username": "tom", "password": "another good passphrase"})
    assert ok.status_code == 302


@pytest.mark.django_db
def test_many_usernames_from_one_address_are_limited(client, settings):
    settings.LOGIN_RATE_PER_ADDRESS = 5
    url = reverse("login")
    for i in range(5):
        client.post(url, {"username": f"user{i}", "password": "guess"})
    assert client.post(url, {"username": "someone", "password": "guess"}).status_code == 429


@pytest.mark.django_db
def test_a_successful_login_clears_the_failures(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user("lea", password="correct horse battery")
    url = reverse("login")
    for _ in range(2):
        client.post(url, {"username": "lea", "password": "wrong"})
    assert (
        client.post(url, {"username": "lea", "password": "correct horse battery"}).status_code
        == 302
    )
    client.logout()
    for _ in range(2):
        assert client.post(url, {"username": "lea", "password": "wrong"}).status_code == 200
    assert (
        client.post(url, {"username": "lea", "password": "correct horse battery"}).status_code
        == 302
    )


@pytest.mark.django_db
@pytest.mark.parametrize("weak", ["12345678", "password", "lea12"])
def test_signup_refuses_a_weak_password(client, weak):
    response = client.post(
        reverse("signup"),
        {"username": "lea", "email": "lea@example.org", "password1": weak, "password2": weak},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("password2")
    assert not get_user_model().objects.filter(username="lea").exists()
