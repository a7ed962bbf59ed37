"""``manage.py rule_inputs --json``: what every feasibility rule reads and which API operation writes it."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from api.rule_inputs import rule_inputs


class Command(BaseCommand):
    help = "List every rule's inputs: model fields, reference data and the date, with the API operation writing each."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="One JSON object per rule and line.")

    def handle(self, *args, **options):
        for row in rule_inputs():
            if options["json"]:
                self.stdout.write(json.dumps(row, ensure_ascii=False))
                continue
            self.stdout.write(row["rule"])
            for item in row["inputs"]:
                where = "reference data" if item["reference"] else (item.get("api") or "NO API OPERATION")
                self.stdout.write(f"  {item['field']}: {where}")
