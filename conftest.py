"""Make the shared personas of tests/conftest.py available to every app's tests."""

pytest_plugins = ["tests.conftest"]
