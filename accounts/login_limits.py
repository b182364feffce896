"""Failed-login limits, counted by django-axes (settings: AXES_*, LOGIN_RATE_PER_ADDRESS).

axes hooks into authenticate() itself, so every login form (ours and the admin's) is covered,
and sees the username after the form has cleaned it. What axes does not do by configuration is
here: the username counted as Django compares it, the client's address read as our proxy
writes it, a second and higher limit per address, and the lockout page.
"""

from __future__ import annotations

import unicodedata
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

# A username longer than this is refused by the form before authenticate() runs.
_MAX_USERNAME = 150


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or the last entry of RANDNOTIZ_CLIENT_IP_HEADER.

    Behind a proxy only the last hop (added by our own proxy) can be trusted; the entries before
    it are whatever the client sent.
    """
    header = settings.RANDNOTIZ_CLIENT_IP_HEADER
    value = request.META.get(header) or request.META.get("REMOTE_ADDR", "")
    return value.split(",")[-1].strip()


def counted_username(request, credentials: dict | None) -> str:
    """The username as Django's login form compares it: stripped and NFKC-normalised (so a
    fullwidth 'ｌｅａ' is 'lea'), and case-folded, so that every spelling that could reach the
    same account shares one counter."""
    raw = (credentials or {}).get("username")
    if raw is None:
        raw = request.POST.get("username", "") if request is not None else ""
    return unicodedata.normalize("NFKC", str(raw).strip()).casefold()[:_MAX_USERNAME]


class LoginAttempts(AxesDatabaseHandler):
    """axes' database handler with a second limit for the address alone.

    AXES_LOCKOUT_PARAMETERS is [[username, address], address]; axes compares the larger of the
    two counts with its one AXES_FAILURE_LIMIT. Here the pair is compared with
    AXES_FAILURE_LIMIT and the address with the higher LOGIN_RATE_PER_ADDRESS, and a successful
    login clears only its own pair: clearing the address too would let a guesser behind a
    school's NAT reset the address count by logging into their own account.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        pair, address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        per_address = settings.LOGIN_RATE_PER_ADDRESS
        if per_address and address >= per_address:
            return max(pair, get_failure_limit(request, credentials))
        return pair

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        pair, _address = self.filter_user_attempts(request, credentials)
        deleted, _ = pair.delete()
        return deleted


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets: 429, with when to try again."""
    cool_off = get_cool_off(request) or timedelta(0)
    minutes = max(1, round(cool_off.total_seconds() / 60))
    response = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
