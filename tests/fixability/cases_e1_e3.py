"""Fixability cases of E1–E3 (SMP-DOMAIN §1.1–§1.3)."""

from __future__ import annotations

from tests.fixability.harness import Case

CASES: list[Case] = []
