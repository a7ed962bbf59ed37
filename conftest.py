"""Project-wide pytest fixtures live in tests/conftest.py; this file only makes the repo root importable."""
