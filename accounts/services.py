"""Writes about accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import Profile, Role


@transaction.atomic
def user_signup(*, username: str, email: str, password: str) -> object:
    """Create a learner: the user and their profile in one transaction."""
    user = get_user_model().objects.create_user(username=username, email=email, password=password)
    Profile.objects.create(user=user, role=Role.LEARNER)
    return user


def profile_set_role(*, user, role: str) -> Profile:
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    profile, _ = Profile.objects.update_or_create(user=user, defaults={"role": role})
    return profile
