"""Shared pieces of the REST API."""
from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Django's 404/403 become DRF's, so the API answers JSON, never an HTML page."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()  # DRF's "Not found.", in the reader's language (未找到。)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)


def request_purpose(request) -> str:
    """The purpose a caller states for reading personal data (header X-Anju-Purpose)."""
    return (request.headers.get("X-Anju-Purpose") or "").strip()[:200]
