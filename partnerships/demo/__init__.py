"""Demo data: partnerships modelled on the real schemes of SMP-DOMAIN §10 (``manage.py load_demo``).

One module per demo scheme (its organisations, content and the gaps it plants), shared builders in
``builders.py``, shared organisations, users and the :class:`~partnerships.demo.shared.DemoSpec` in
``shared.py``. docs/demo-data.md lists every demo, its planted gaps and the rule ids they fail.

:func:`demo_load` is idempotent: a demo partnership is identified by its name and skipped when it exists,
organisations are looked up by name and country, users by username and exchange rates by pair and day, so
a second run writes no row.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.demo.builders import DemoBuilder, DemoDataError, exchange_rates_ensure, organisation_ensure
from partnerships.demo.shared import DEMO_PASSWORD, DEMO_USERS, DemoSpec

__all__ = ["DemoDataError", "DemoLoadResult", "demo_load", "demo_specs"]

#: Rates from the demos' reporting currencies into the portfolio currency (USD by default), so the reviewers'
#: dashboard can compare cost per migrant across the demo portfolio. Round demo figures, not market data.
PORTFOLIO_RATES: tuple[tuple[str, str, str], ...] = (
    ("EUR", "USD", "1.10"),
    ("AUD", "USD", "0.65"),
    ("NZD", "USD", "0.58"),
)


#: The demo modules, in the order they are loaded (and listed in docs/demo-data.md).
DEMO_MODULES: tuple[str, ...] = (
    "north_africa_europe",
    "ict_nigeria_lithuania",
    "health_workers_germany",
    "pacific_australia",
    "seasonal_agriculture_nz",
    "promise_mekong",
    "germany_kosovo_construction",
    "mentor_mediterranean",
)


def demo_specs() -> tuple[DemoSpec, ...]:
    """Every demo, in load order (each module's ``DEMO``)."""
    return tuple(importlib.import_module(f"{__name__}.{name}").DEMO for name in DEMO_MODULES)


@dataclass
class DemoLoadResult:
    """What one run of :func:`demo_load` did."""

    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    users_created: list[str] = field(default_factory=list)
    rates_added: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.users_created or self.rates_added)


#
# Reference data
#

#: (app label, model, what to check, description) — the reference tables the demo points to.
REQUIRED_REFERENCE = (
    ("skills", "Sector", {"pk": "ict"}, "sectors"),
    ("skills", "Occupation", {"pk": "2512"}, "ISCO-08 occupations"),
    ("partnerships", "SdgTarget", {"pk": "8.8"}, "SDG targets"),
    ("partnerships", "GcmObjective", {"pk": 18}, "Global Compact objectives"),
    ("recruitment", "WhoSslEntry", {}, "the WHO health-workforce safeguards list"),
)


def reference_data_check() -> None:
    """Raise :class:`DemoDataError` naming what is missing when the reference data is not loaded."""
    from django.apps import apps

    missing = [
        label
        for app_label, model_name, lookup, label in REQUIRED_REFERENCE
        if not apps.get_model(app_label, model_name).objects.filter(**lookup).exists()
    ]
    if missing:
        raise DemoDataError(
            str(
                _(
                    "Reference data is missing (%(tables)s). Run `python manage.py load_reference_data` first, "
                    "then `python manage.py load_demo` again."
                )
                % {"tables": ", ".join(missing)}
            )
        )


#
# Users
#


def demo_users_ensure() -> list[str]:
    """Create the demo users that do not exist yet (password ``demo-password``); existing ones are left alone
    except that a missing membership of their demo organisation is added."""
    User = get_user_model()
    created = []
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User.objects.create_user(
                username=spec.username,
                password=DEMO_PASSWORD,
                email=f"{spec.username}@demo.invalid",
                first_name=spec.first_name,
                last_name=spec.last_name,
                role=spec.role,
            )
            created.append(spec.username)
        organisations = [organisation_ensure(org) for org in spec.organisations]
        have = set(user.organisations.values_list("pk", flat=True))
        wanted = [org for org in organisations if org.pk not in have]
        if wanted:
            user.organisations.add(*wanted)
    return created


#
# Loading
#


def demo_partnership_build(spec: DemoSpec, *, today: datetime.date, user=None):
    """Create one demo partnership and everything below it, in one transaction."""
    from partnerships.services import partnership_create

    with transaction.atomic():
        data = {"name": spec.name, "stage": spec.stage, **spec.partnership_data(today)}
        partnership = partnership_create(
            user=user,
            data=data,
            stage_reason="Demo data: registered as a scheme that already runs; its rows are added next.",
            acknowledge_gaps=True,
        )
        builder = DemoBuilder(partnership=partnership, today=today, user=user)
        spec.build(builder)
    return partnership


def demo_load(*, today: datetime.date | None = None, only: list[str] | None = None) -> DemoLoadResult:
    """Load the demo partnerships, their organisations, exchange rates and the demo users (idempotent).

    ``only`` restricts the run to demo keys. Raises :class:`DemoDataError` when reference data is missing
    or a key is unknown.
    """
    from partnerships.models import Partnership

    reference_data_check()
    today = today or timezone.localdate()
    specs = demo_specs()
    if only:
        unknown = sorted(set(only) - {spec.key for spec in specs})
        if unknown:
            raise DemoDataError(
                str(
                    _("Unknown demo %(keys)s; choose from %(known)s.")
                    % {"keys": ", ".join(unknown), "known": ", ".join(spec.key for spec in specs)}
                )
            )
        specs = tuple(spec for spec in specs if spec.key in only)
    result = DemoLoadResult()
    rates = [*PORTFOLIO_RATES, *(rate for spec in specs for rate in spec.rates)]
    result.rates_added = exchange_rates_ensure(dict.fromkeys(rates))
    for spec in specs:
        if Partnership.objects.filter(name=spec.name).exists():
            result.skipped.append(spec.name)
            continue
        demo_partnership_build(spec, today=today)
        result.created.append(spec.name)
    # Users last: their organisations exist by now, so the memberships point at the demo's rows.
    result.users_created = demo_users_ensure()
    return result
