"""A small rate limit on failed logins, kept in a cache shared by every server process.

Why not django-axes: it needs its own tables, an authentication backend and middleware that change
how every login (also in other engineers' tests) is authenticated. The threat here is password
guessing against the login form, so counting failed POSTs to that one view is enough.

Two counters per failure, both expiring LOGIN_RATE_WINDOW seconds after the first failure:
- (client address, username): LOGIN_RATE_PER_USER failures lock that pair; a guesser from one
  address is stopped, but nobody elsewhere can lock a student out of their own account.
- client address alone: LOGIN_RATE_PER_ADDRESS failures lock the address. A school puts hundreds
  of students behind one NAT address, so this limit is high; it stops spraying many usernames.
A successful login clears the pair's counter.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse


def _client_address(request) -> str:
    header = getattr(settings, "RANDNOTIZ_CLIENT_IP_HEADER", "REMOTE_ADDR")
    value = request.META.get(header) or request.META.get("REMOTE_ADDR", "")
    # Behind a proxy only the last hop (added by our own proxy) can be trusted.
    return value.split(",")[-1].strip()


def _key(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"login-fail:{digest[:40]}"


class LoginRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_login_post = request.method == "POST" and request.path == _login_path()
        if not is_login_post:
            return self.get_response(request)
        cache = caches[settings.RANDNOTIZ_LOGIN_RATE_CACHE]
        address = _client_address(request)
        username = (request.POST.get("username") or "").strip().lower()[:150]
        pair_key, address_key = _key(address, username), _key(address)
        if (
            cache.get(pair_key, 0) >= settings.LOGIN_RATE_PER_USER
            or cache.get(address_key, 0) >= settings.LOGIN_RATE_PER_ADDRESS
        ):
            response = HttpResponse(
                "Too many failed logins. Please wait a few minutes and try again.",
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(settings.LOGIN_RATE_WINDOW)
            return response
        response = self.get_response(request)
        if response.status_code == 200:
            # The login view answers a failed attempt by showing the form again (200);
            # success is a redirect.
            for key in (pair_key, address_key):
                if not cache.add(key, 1, settings.LOGIN_RATE_WINDOW):
                    try:
                        cache.incr(key)
                    except ValueError:  # expired between add and incr
                        cache.add(key, 1, settings.LOGIN_RATE_WINDOW)
        elif 300 <= response.status_code < 400:
            cache.delete(pair_key)
        return response


def _login_path() -> str:
    from django.urls import reverse

    return reverse(settings.LOGIN_URL)
