"""Redirects to a page the request names itself (a form's `next`)."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_to_next(request, next_url: str, fallback: str, **kwargs):
    """To `next_url` when it is a page of this site, otherwise to `fallback` (a URL name, with
    its `kwargs`): a `next` taken from the request must never lead to another site."""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect(fallback, **kwargs)
