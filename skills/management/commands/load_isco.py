"""``manage.py load_isco <csv>`` — import an ISCO-08 structure file (all rows or none)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from skills.isco import IscoImportError, occupations_import


class Command(BaseCommand):
    help = (
        "Import ISCO-08 groups from a UTF-8 CSV with columns code,title and optionally level,parent,skill_level,"
        "esco_uri (docs/reference-data.md). A malformed row stops the import and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", help="Path of the CSV file, e.g. skills/data/isco08.csv")

    def handle(self, *args, csv: str, **options):
        try:
            result = occupations_import(path=csv)
        except IscoImportError as exc:
            raise CommandError(f"{csv}: {str(exc).rstrip('.')}. Nothing was imported.")
        self.stdout.write(
            f"{result.table}: {result.total} rows: {result.created} created, "
            f"{result.updated} updated, {result.unchanged} unchanged"
        )
        self.stdout.write(self.style.SUCCESS("ISCO-08 import complete."))
