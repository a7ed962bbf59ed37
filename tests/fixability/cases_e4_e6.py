"""Fixability cases of E4–E6 (SMP-DOMAIN §1.4–§1.6)."""

from __future__ import annotations

from tests.fixability.harness import Case

CASES: list[Case] = []
