"""``manage.py load_practices``: load the library of practices from practices/data/practices.json (idempotent)."""

from django.core.management.base import BaseCommand

from practices.services import practices_load


class Command(BaseCommand):
    help = "Load the library of practices (idempotent: entries are matched by slug)."

    def handle(self, *args, **options):
        counts = practices_load()
        self.stdout.write(
            f"practices: {counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged"
        )
