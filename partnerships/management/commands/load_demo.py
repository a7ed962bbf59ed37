"""``manage.py load_demo`` — load the demo partnerships and demo users (idempotent; docs/demo-data.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from partnerships.demo import DemoDataError, demo_load, demo_specs
from partnerships.demo.shared import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = (
        "Load eight demo partnerships modelled on real Skills Mobility Partnerships, at different stages and with "
        "documented gaps, and the demo users official, official2, reviewer and partner (password "
        f"{DEMO_PASSWORD}). Needs the reference data (load_reference_data). Safe to run again: existing demo "
        "partnerships, organisations, exchange rates and users are left as they are. See docs/demo-data.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            action="append",
            choices=[spec.key for spec in demo_specs()],
            help="Load only this demo (repeatable).",
        )

    def handle(self, *args, only=None, **options):
        try:
            result = demo_load(only=only)
        except DemoDataError as exc:
            raise CommandError(str(exc))
        for name in result.created:
            self.stdout.write(f"created  {name}")
        for name in result.skipped:
            self.stdout.write(f"exists   {name} (left unchanged)")
        if result.rates_added:
            self.stdout.write(f"added {result.rates_added} demo exchange rate(s)")
        for username in result.users_created:
            self.stdout.write(f"user     {username} (password: {DEMO_PASSWORD})")
        if not result.changed:
            self.stdout.write(self.style.SUCCESS("Demo data already loaded: nothing to do."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {len(result.created)} partnership(s) created, {len(result.skipped)} already "
                f"there. Log in as {', '.join(user.username for user in DEMO_USERS)}."
            )
        )
