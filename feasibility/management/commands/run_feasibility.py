"""``manage.py run_feasibility <id>… | --all [--sync] [--json]``: check partnerships against the rules.

Without ``--sync`` runs are queued for the Celery worker (eager in-process when no broker is set).
With ``--sync`` the check runs in this process, batch after batch (one query per relation per batch,
``feasibility.services.feasibility_check_all`` — the path the nightly job's Celery tasks run too).
``--json`` prints one run as JSON per line (feasibility/serialization.py).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Prefetch

from feasibility import services
from feasibility.context import load_reference_data, rule_settings
from feasibility.models import FeasibilityRun, Finding
from feasibility.serialization import run_to_dict
from smp.exceptions import BrokerUnavailable


class Command(BaseCommand):
    help = "Check partnerships against the feasibility rules (E1–E8) and the ethical-recruitment check (R)."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Partnership ids to check.")
        parser.add_argument("--all", action="store_true", help="Check every partnership.")
        parser.add_argument("--sync", action="store_true", help="Run the check in this process, not in a worker.")
        parser.add_argument("--json", action="store_true", help="Print each run as one line of JSON.")
        parser.add_argument("--batch-size", type=int, default=None, help="Partnerships per batch with --all.")

    def handle(self, *args, ids: list[int], all: bool, sync: bool, json: bool, batch_size: int | None, **options):
        from partnerships.models import Partnership

        if bool(ids) == bool(all):
            raise CommandError("Give partnership ids or --all (not both).")
        if all:
            ids = list(Partnership.objects.order_by("pk").values_list("pk", flat=True))
        else:
            known = set(Partnership.objects.filter(pk__in=ids).values_list("pk", flat=True))
            missing = [pk for pk in ids if pk not in known]
            if missing:
                raise CommandError(f"No partnership with id {', '.join(map(str, missing))}.")

        size = batch_size or int(rule_settings()["BATCH_SIZE"])
        if sync:
            run_ids = self._check_here(ids, size)
        else:
            try:
                if all:
                    run_ids = [run.pk for run in services.feasibility_runs_request_batch(ids=ids)]
                else:
                    run_ids = [
                        services.feasibility_run_request(partnership=p).pk
                        for p in Partnership.objects.filter(pk__in=ids)
                    ]
            except BrokerUnavailable as error:
                raise CommandError(
                    f"The job queue (CELERY_BROKER_URL) cannot be reached: {len(error.run_ids)} run(s) not started "
                    "and marked failed. Start Redis or use --sync."
                ) from error
        self._report(run_ids, as_json=json)

    def _check_here(self, ids: list[int], size: int) -> list[int]:
        return services.feasibility_check_all(ids=ids, batch_size=size, reference=load_reference_data())

    def _report(self, run_ids: list[int], *, as_json: bool) -> None:
        findings = Prefetch("findings", queryset=Finding.objects.order_by("id"))
        for start in range(0, len(run_ids), 500):
            chunk = run_ids[start : start + 500]
            runs = {r.pk: r for r in FeasibilityRun.objects.filter(pk__in=chunk).prefetch_related(findings)}
            for pk in chunk:
                run = runs[pk]
                if as_json:
                    self.stdout.write(json_dumps(run_to_dict(run)))
                else:
                    score = "—" if run.overall_score is None else f"{run.overall_score}"
                    verdict = run.recruitment_verdict or "—"
                    self.stdout.write(
                        f"run {run.pk} · partnership {run.partnership_id} · {run.status} · readiness {score} · "
                        f"recruitment {verdict}"
                    )


def json_dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
