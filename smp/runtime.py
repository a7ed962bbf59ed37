"""Process-level tuning shared by the long-running entry points (Celery worker, batch commands).

``freeze_startup_heap`` moves every object alive after start-up — modules, settings, URL patterns, the rule
registry, reference caches — into the garbage collector's permanent generation. Without it, each full
collection walks those few hundred thousand objects again although they never die; with it, a collection
walks only what the current work allocated. Called once per process after Django is set up (the
``run_feasibility`` command before checking, the worker before it forks its pool); calling it again
is harmless. See the ``gc.freeze`` documentation.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    gc.collect()
    gc.freeze()
