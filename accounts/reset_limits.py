"""How many password-reset mails one address and one client may ask for.

The counters live in the database cache ("shared"), so every process and server share them.
The page a refused request gets is the same as a sent one's: nothing tells whether an account
uses the address or whether a mail went out.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
    return f"password-reset:{kind}:{digest[:40]}"


def reset_mail_allowed(email: str, client: str) -> bool:
    """Whether a reset mail to `email`, asked for from `client`, is within both limits; if it
    is, it is counted against both."""
    cache = caches["shared"]
    window = settings.PASSWORD_RESET_WINDOW
    counters = [
        (_key("email", email.strip().casefold()), settings.PASSWORD_RESET_PER_EMAIL),
        (_key("client", client), settings.PASSWORD_RESET_PER_CLIENT),
    ]
    if any(cache.get(key, 0) >= limit for key, limit in counters):
        return False
    for key, _limit in counters:
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, window)
    return True
