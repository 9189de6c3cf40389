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
