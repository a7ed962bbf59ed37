"""Logging as configured in ``smp.settings.LOGGING``: each line once; an expected 4xx is one line at WARNING
without a traceback; a 5xx keeps its traceback.

The requests go through the whole Django stack (middleware, the project's error handlers) with a small URL
configuration of this module that adds views answering each status to the project's own URLs. What the
configured console handler writes is captured by pointing its stream at a buffer.
"""

from __future__ import annotations

import io
import logging

import pytest
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.test import Client
from django.urls import path
from django.views.decorators.http import require_POST

from smp import urls as project_urls


def forbidden(request):
    raise PermissionDenied("Only the lead side may do this.")


def missing(request):
    raise Http404("No such partnership.")


def bad(request):
    raise BadRequest("The filter is not a date.")


def conflict(request):
    return HttpResponse("Someone changed it meanwhile.", status=409)


@require_POST
def post_only(request):
    return HttpResponse("done")


def broken(request):
    raise RuntimeError("a fault of the server")


urlpatterns = [
    path("logging-test/403/", forbidden),
    path("logging-test/404/", missing),
    path("logging-test/400/", bad),
    path("logging-test/409/", conflict),
    path("logging-test/405/", post_only),
    path("logging-test/500/", broken),
    *project_urls.urlpatterns,
]
handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def console_handler() -> logging.Handler:
    """The handler ``LOGGING`` puts on the root logger (the only one of the project)."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    return handler


def handlers_reached(logger_name: str) -> list[logging.Handler]:
    """Every handler a record of ``logger_name`` reaches, pytest's capture handlers left out."""
    reached = []
    logger: logging.Logger | None = logging.getLogger(logger_name)
    while logger is not None:
        reached += [h for h in logger.handlers if h.__class__.__module__.split(".")[0] != "_pytest"]
        logger = logger.parent if logger.propagate else None
    return reached


@pytest.fixture
def printed():
    """What the console handler writes during the test."""
    handler = console_handler()
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        yield buffer
    finally:
        handler.setStream(previous)


@pytest.mark.parametrize("logger_name", ["django.request", "django.security.DisallowedHost", "smp.views", "reviews"])
def test_each_record_reaches_one_handler_so_each_line_prints_once(logger_name):
    assert handlers_reached(logger_name) == [console_handler()]


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (403, "Forbidden (Permission denied): /logging-test/403/"),
        (404, "Not Found: /logging-test/404/"),
        (400, "The filter is not a date.: /logging-test/400/"),
        (405, "Method Not Allowed (GET): /logging-test/405/"),
        (409, "Conflict: /logging-test/409/"),
    ],
)
def test_an_expected_client_error_is_one_warning_line_without_traceback(caplog, printed, status, message):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO, logger="django"):
        response = client.get(f"/logging-test/{status}/")
    assert response.status_code == status
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].levelno == logging.WARNING
    assert records[0].getMessage() == message
    assert records[0].exc_info is None, "the console handler dropped the traceback"
    lines = printed.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].endswith(f"WARNING django.request: {message}")
    assert "Traceback" not in printed.getvalue()


def test_a_server_error_keeps_its_traceback(caplog, printed):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO, logger="django"):
        response = client.get("/logging-test/500/")
    assert response.status_code == 500
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].levelno == logging.ERROR
    assert records[0].exc_info is not None
    output = printed.getvalue()
    assert "ERROR django.request: Internal Server Error: /logging-test/500/" in output
    assert "Traceback (most recent call last)" in output
    assert "RuntimeError: a fault of the server" in output
    assert output.count("Internal Server Error") == 1
