"""``python manage.py create_api_token <username> [--name NAME]``: print a new API key for a user."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api.services import api_token_create


class Command(BaseCommand):
    help = "Issue an API key for a user and print it (it is stored hashed and cannot be shown again)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the key is for.")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        try:
            token, raw_key = api_token_create(user=user, name=name)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages))
        self.stderr.write(f"Key {token.prefix}… for {user.username} ({token.name}); copy it now:")
        self.stdout.write(raw_key)
