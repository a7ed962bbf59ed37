"""Settings of the processes ``bench/load.py`` starts: the product's settings (``smp.settings``) and three
isolations so a benchmark run never meets anyone else's data on a shared machine.

* ``STATIC_ROOT`` is the run's temporary directory (``collectstatic`` writes there, not into ``staticfiles/``);
* ``CELERY_TASK_DEFAULT_QUEUE`` is a queue of the run's own: only the run's worker takes its feasibility
  jobs, and no other worker on the same broker can take them (and run them against another database);
* every cache configured (e.g. from ``CACHE_URL``) gets a key prefix of the run's own.

The values come from ``BENCH_LOAD_STATIC_ROOT``, ``BENCH_LOAD_QUEUE`` and ``BENCH_LOAD_PREFIX``, set by
``bench/load.py``. Not for anything else.
"""

import os

from smp.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_LOAD_STATIC_ROOT"]
CELERY_TASK_DEFAULT_QUEUE = os.environ["BENCH_LOAD_QUEUE"]
for _cache in globals().get("CACHES", {}).values():
    _cache["KEY_PREFIX"] = os.environ["BENCH_LOAD_PREFIX"] + _cache.get("KEY_PREFIX", "")
