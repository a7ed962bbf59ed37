"""Rule modules. Importing this package imports every module in it, so each ``@rule`` registers itself.

Add a rule: write one function in the module of its element (``e3.py`` for E3.Rn) decorated with
``feasibility.registry.rule`` and one test per outcome; nothing else to wire (docs/feasibility.md).

Extra modules outside the package (e.g. a deliberately slow rule for the worker tests) are imported
when named in ``settings.SMP_EXTRA_RULE_MODULES`` or the ``SMP_EXTRA_RULE_MODULES`` environment
variable (comma-separated dotted paths). Production leaves both empty.
"""

from __future__ import annotations

import importlib
import os
import pkgutil

from django.conf import settings


def _import_all() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    extra = list(getattr(settings, "SMP_EXTRA_RULE_MODULES", []))
    extra += [name.strip() for name in os.environ.get("SMP_EXTRA_RULE_MODULES", "").split(",") if name.strip()]
    for dotted in extra:
        importlib.import_module(dotted)


_import_all()
