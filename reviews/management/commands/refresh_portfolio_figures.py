"""``manage.py refresh_portfolio_figures [--all] [ids …]``: recompute the dashboard's per-partnership cost figures."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from reviews.services import partnership_figures_refresh


class Command(BaseCommand):
    help = "Recompute the cost figures (cost per migrant, migrant-borne share) the portfolio dashboard reads."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="partnership ids (default: every partnership)")
        parser.add_argument("--all", action="store_true", help="recompute even figures that are up to date")

    def handle(self, *args, ids, all, **options):  # noqa: A002 - the option's name
        count = partnership_figures_refresh(partnership_ids=ids or None, stale_only=not all)
        self.stdout.write(self.style.SUCCESS(f"Recomputed the portfolio figures of {count} partnership(s)."))
