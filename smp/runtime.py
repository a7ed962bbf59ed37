"""Process tuning for the web workers: how often Python's cyclic garbage collector runs.

Measured with ``bench/wizard.py`` (issue #19): a full collection walked the ~170,000 objects the loaded
project keeps (modules, URL patterns, templates, translations) and took 130–160 ms on this 2-core machine;
the wizard's larger steps allocate enough to start one every ten to twenty requests, which made their p95
two to four times their median. Freezing what start-up created (it is never garbage) leaves it out of every
collection — and, in workers forked from a preloaded master, keeps its memory pages shared — and a larger
threshold for the youngest generation collects less often. Python's own defaults are (700, 10, 10).
"""

from __future__ import annotations

import gc

from smp.env import env_int

#: Allocations (net of frees) between two collections of the youngest generation; ``GC_GEN0_THRESHOLD``.
GEN0_THRESHOLD = 50_000


def tune_gc() -> None:
    """Collect once, freeze the survivors (the loaded project) and collect the young generation less often."""
    gc.collect()
    gc.freeze()
    _gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(env_int("GC_GEN0_THRESHOLD", GEN0_THRESHOLD), gen1, gen2)
