from django.contrib.auth.backends import ModelBackend


class AnjuBackend(ModelBackend):
    """Restores signed-in users from the session. It authenticates nobody by itself:
    password sign-in (staff, with lock-out and the jurisdiction check) and SMS-code
    sign-in (public users) go through accounts.services, the one place for both."""

    def authenticate(self, request, **credentials):
        return None
