"""The app as a newcomer first meets it (README, "Configuration"): no ``DATABASE_URL`` and no broker, so SQLite
and Celery run eagerly. The suite itself runs on PostgreSQL (``.ci/run``), where a query that only PostgreSQL
understands passes unnoticed — the rules page once answered 500 under ``make run`` for that reason.

One subprocess, started without the database and broker settings of this run: it migrates an SQLite file in a
temporary directory, loads the reference and demo data as ``make run`` does, and opens the main pages of each
kind of user, a wizard step of every demo partnership included, and asks for a check (Celery eager). Every page
must answer as it does on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.embedded

SCRIPT = r"""
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smp.settings")
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment

assert settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"), settings.DATABASES["default"]["ENGINE"]
assert settings.CELERY_TASK_ALWAYS_EAGER
setup_test_environment()
call_command("migrate", verbosity=0)
call_command("load_reference_data", verbosity=0)
call_command("load_demo", verbosity=0)

from accounts.models import User
from design.steps import STEPS
from partnerships.models import Partnership

answers = {}

def visit(client, who, url, method="get", data=None):
    response = getattr(client, method)(url, data or {})
    answers[f"{who} {method.upper()} {url}"] = response.status_code

anonymous = Client()
for url in ["/", "/rules/", "/practices/", "/accounts/login/", "/healthz", "/api/docs/"]:
    visit(anonymous, "anonymous", url)
visit(anonymous, "anonymous", "/api/v1/partnerships/")

user = User.objects.get(username="official")
ids = list(Partnership.objects.for_user(user).order_by("pk").values_list("pk", flat=True))
assert ids, "the demo official takes part in no partnership"
official = Client()
official.force_login(user)
for url in ["/partnerships/", "/partnerships/new/", "/partnerships/occupations/?q=care"]:
    visit(official, "official", url)
for pk in ids:
    for url in [f"/partnerships/{pk}/", f"/partnerships/{pk}/steps/", f"/partnerships/{pk}/feasibility/",
                f"/partnerships/{pk}/monitoring/", f"/partnerships/{pk}/history/"]:
        visit(official, "official", url)
first = ids[0]
for step in STEPS:
    visit(official, "official", f"/partnerships/{first}/steps/{step.code}/")
visit(official, "official", f"/partnerships/{first}/steps/recruitment/", "post", {"action": "recheck"})

reviewer = Client()
reviewer.force_login(User.objects.get(username="reviewer"))
visit(reviewer, "reviewer", "/dashboard/")
visit(reviewer, "reviewer", "/dashboard/?stage=design&element=E8")
for pk in Partnership.objects.order_by("pk").values_list("pk", flat=True):
    visit(reviewer, "reviewer", f"/dashboard/partnerships/{pk}/")

partner = Client()
partner.force_login(User.objects.get(username="partner"))
visit(partner, "partner", "/api/v1/partnerships/")
visit(partner, "partner", f"/api/v1/partnerships/?stage=design")
print(json.dumps(answers))
"""


def test_the_main_pages_answer_on_the_embedded_defaults(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"}
    }
    # The default SQLite file lives under var/ of the checkout; a URL of the same kind keeps this run's file
    # apart from a developer's own.
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    done = subprocess.run(  # noqa: S603 - a fixed script run by this interpreter
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-4000:]
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    expected = {"anonymous GET /api/v1/partnerships/": 401}
    wrong = {
        request: status
        for request, status in answers.items()
        if status != expected.get(request, 302 if " POST " in request else 200)
    }
    assert len(answers) > 40
    assert wrong == {}
