"""Logging in with a username and password: Django's ModelBackend, with the user of every
request read by SQL the ORM compiles once per process (core/compiled.py).

Building the ORM's query for the user took 0.5 ms of CPU per request, twice the rest of the
lookup (bench/load.py). Authentication, permissions and the "inactive users may not log in"
rule are Django's own.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import backends, get_user_model
from django.db.models import QuerySet

from core.compiled import rows_for


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        found = rows_for(_user, user_id)
        if not found:
            return None
        return found[0] if self.user_can_authenticate(found[0]) else None


def _user(pk: int) -> QuerySet:
    return get_user_model()._default_manager.filter(pk=pk)


class LoginLimitBackend(AxesStandaloneBackend):
    """django-axes' check, first in AUTHENTICATION_BACKENDS: a locked-out username and address
    is refused before any password is compared (accounts/login_limits.py has the limits).

    Every login through the web passes its request. A call without one (the test client's
    login(), a shell) runs on the server, has no address to count, and goes on to the next
    backend; axes itself would raise instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
