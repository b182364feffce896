from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import profile_set_role


class Command(BaseCommand):
    help = "Make a user a teacher or a learner (the same as changing the role in the admin)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=Role.values)

    def handle(self, *args, username, role, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                f"No user called {username!r}: they sign up first at /accounts/signup/."
            )
        profile_set_role(user=user, role=role)
        self.stdout.write(f"{username} is now a {role}.")
