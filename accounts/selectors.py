"""Reads about accounts. Other apps ask here for a user's role rather than reading the
profile row themselves: users made by `createsuperuser` or fixtures may have no profile yet."""

from __future__ import annotations

from accounts.models import Profile, Role


def profile_for(user) -> Profile:
    """The user's profile, created (as a learner) on first use."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(user=user)
        return profile


def user_role(user) -> str:
    """ "learner" or "teacher"; anonymous visitors count as learners."""
    if not getattr(user, "is_authenticated", False):
        return Role.LEARNER
    return profile_for(user).role


def user_is_teacher(user) -> bool:
    return user_role(user) == Role.TEACHER
