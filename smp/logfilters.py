"""Logging filters of the project (``LOGGING`` in ``smp.settings`` names them).

Django logs every 4xx response on ``django.request`` (and a refused suspicious request on
``django.security.*``); for a ``PermissionDenied`` or a bad request it attaches the exception, so a routine
403 printed a whole traceback. Those are expected answers to a client, not faults of the server: one line is
enough. A 5xx keeps its traceback.
"""

from __future__ import annotations

import logging


class ClientErrorWithoutTraceback(logging.Filter):
    """Drop the traceback of a record about a 4xx response; keep the record itself (one line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
