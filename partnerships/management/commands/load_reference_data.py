"""``manage.py load_reference_data`` — load or refresh every reference table (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from partnerships.reference_data import LOADERS, ReferenceDataError, reference_data_load
from skills.isco import IscoImportError


class Command(BaseCommand):
    help = (
        "Load countries (with IOM region), currencies, elements E1–E8, SDG targets, Global Compact objectives, "
        "sectors, ISCO-08 occupations, qualification frameworks and the WHO safeguards list. "
        "Safe to run again: only differences are written. See docs/reference-data.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            action="append",
            choices=[name for name, _loader in LOADERS],
            help="Load only this table (repeatable).",
        )

    def handle(self, *args, only=None, **options):
        try:
            results = reference_data_load(only=only)
        except (ReferenceDataError, IscoImportError) as exc:
            raise CommandError(str(exc))
        width = max(len(result.table) for result in results)
        for result in results:
            self.stdout.write(
                f"{result.table:<{width}}  {result.total:>4} rows: {result.created:>4} created, "
                f"{result.updated:>4} updated, {result.unchanged:>4} unchanged"
            )
        changed = sum(result.changed for result in results)
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded ({changed} rows written)."))
