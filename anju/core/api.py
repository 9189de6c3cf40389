"""Shared pieces of the REST API."""
from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Django's 404/403 become DRF's, so the API answers JSON, never an HTML page."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()  # DRF's "Not found.", in the reader's language (未找到。)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)


def request_purpose(request) -> str:
    """The purpose a caller states for reading personal data (header X-Anju-Purpose), in UTF-8.

    A purpose in Chinese comes as the UTF-8 bytes clients send (curl, Java, Go; Python's requests given bytes), which
    a WSGI server hands over as Latin-1 text (PEP 3333): read as it came, "协查" went into the audit log as "å\x8d\x8fæ\x9f¥".
    Text that is not UTF-8 that way (plain ASCII, or already decoded) is kept as it is."""
    purpose = request.headers.get("X-Anju-Purpose") or ""
    try:
        purpose = purpose.encode("latin-1").decode("utf-8")
    except UnicodeError:
        pass
    return purpose.strip()[:200]


class Pagination(PageNumberPagination):
    """How every list of the API comes (settings.REST_FRAMEWORK): PAGE_SIZE rows a page unless the caller asks for
    ``?page_size=N``, at most MAX_PAGE_SIZE; ``?page=N`` for the next. A larger page size gives MAX_PAGE_SIZE rows, and
    one that is not a positive whole number (``abc``, ``0``, ``-5``) the default, as DRF's PageNumberPagination does.

    500 because a page of personal data is audited before it leaves, one AuditSubject row per record written in the
    same request: 500 people are one audit entry with 500 subjects and about 115 kB of JSON, answered in half a
    second on the 2-core machine, and a department pulls the 100,000 people of a district in 200 requests. Pages of
    thousands would hold one request's transaction and memory that much longer and save nothing such a pull needs."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE = 500
    page_size_query_description = (
        f"rows a page: {PageNumberPagination.page_size} unless given, at most {MAX_PAGE_SIZE} (a larger number gives "
        f"{MAX_PAGE_SIZE} rows, one that is not a positive whole number gives {PageNumberPagination.page_size})")
