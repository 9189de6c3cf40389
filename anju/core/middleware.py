from django.utils.translation import get_language

from anju.lib.bilingual import reader_language


class ClientAddressMiddleware:
    """Puts the client address on request.client_ip for the audit log.

    X-Forwarded-For is trusted only when ANJU_TRUST_PROXY is set: otherwise any
    client could write whatever address it liked into the audit trail.
    """

    def __init__(self, get_response):
        from anju.conf import envbool

        self.get_response = get_response
        self.trust_proxy = envbool("ANJU_TRUST_PROXY")

    def __call__(self, request):
        address = request.META.get("REMOTE_ADDR", "")
        if self.trust_proxy and request.META.get("HTTP_X_FORWARDED_FOR"):
            address = request.META["HTTP_X_FORWARDED_FOR"].split(",")[0].strip()
        request.client_ip = address
        return self.get_response(request)


class ReaderLanguageMiddleware:
    """Messages of the pure modules (lib.bilingual: ID number errors, ID-card reading, plate and document codes) read
    during a request are in the reader's language alone (get_language: what LocaleMiddleware chose, or a
    translation.override inside the view), on pages, in forms and in the API; the command line and import reports,
    read outside any request, keep both languages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with reader_language(get_language):
            return self.get_response(request)
