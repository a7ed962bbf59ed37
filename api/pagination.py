"""Page-number pagination with a bounded page size (``?page=2&page_size=50``, at most 100).

DRF's ``PageNumberPagination`` as documented: Django's paginator counts the matching rows, then reads the page.
"""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
