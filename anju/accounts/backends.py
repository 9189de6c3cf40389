from django.contrib.auth.backends import ModelBackend


class AnjuBackend(ModelBackend):
    """Restores signed-in users from the session. It authenticates nobody by itself:
    password sign-in (staff, with lock-out and the jurisdiction check) and SMS-code
    sign-in (public users) go through accounts.services, the one place for both."""

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        """The signed-in user with their jurisdiction node in the same query: every staff page scopes its reads by
        the node's path (core/scoping.py), which was a second query on each request."""
        from django.contrib.auth import get_user_model

        user = get_user_model()._default_manager.select_related("jurisdiction").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
