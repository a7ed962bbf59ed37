"""Page-number pagination with a bounded page size (``?page=2&page_size=50``, at most 100).

On PostgreSQL a page of a queryset and the total are read in one query (``COUNT(*) OVER ()`` next to the
page's rows) instead of a ``COUNT`` query and then the page, so the database finds the matching rows once, not
twice. SQLite, querysets the window cannot count exactly (``DISTINCT``, grouped, combined, already sliced,
tuples) and a page past the end keep Django's count-then-slice; answers and errors are those of the plain
``PageNumberPagination``.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connections
from django.db.models import Count, QuerySet, Window
from django.db.models.query import ModelIterable, ValuesIterable
from rest_framework.pagination import PageNumberPagination

#: Databases on which the window is the cheaper way (SQLite evaluates it in an extra pass over the rows, which
#: costs more there than a second query).
WINDOW_COUNT_VENDORS = frozenset({"postgresql"})
#: Name of the annotation that carries the total; removed from the rows before anyone sees them.
TOTAL = "_api_page_total"


def _countable_in_window(queryset) -> bool:
    if not isinstance(queryset, QuerySet) or queryset._iterable_class not in (ModelIterable, ValuesIterable):
        return False
    query = queryset.query
    return (
        not query.distinct
        and query.group_by is None
        and not query.combinator
        and not query.is_sliced
        and not query.select_for_update
        and TOTAL not in query.annotations
        and connections[queryset.db].vendor in WINDOW_COUNT_VENDORS
    )


class WindowCountPaginator(DjangoPaginator):
    """A Django paginator that reads the page and the total count in one query where it can."""

    def page(self, number):
        if "count" in self.__dict__ or self.orphans or not _countable_in_window(self.object_list):
            return super().page(number)
        number = self._page_number(number)
        bottom = (number - 1) * self.per_page
        window = self.object_list.annotate(**{TOTAL: Window(Count("*"))})
        rows = list(window[bottom : bottom + self.per_page])
        if not rows:
            if number > 1:
                return super().page(number)  # past the end: count, then "That page contains no results"
            self.count = 0
        else:
            self.count = _pop_total(rows)
        return self._get_page(rows, self.validate_number(number), self)

    def _page_number(self, number) -> int:
        """``number`` as a page number, with ``validate_number``'s errors for what can be told without a count."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"])
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number


def _pop_total(rows: list) -> int:
    total = 0
    for row in rows:
        total = row.pop(TOTAL) if isinstance(row, dict) else row.__dict__.pop(TOTAL)
    return total


class ApiPagination(PageNumberPagination):
    django_paginator_class = WindowCountPaginator
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
