"""Jurisdiction scoping: the one place that decides which rows a user may see.

Every model holding personal data, houses or organisations uses ScopedQuerySet
and names the foreign key to its jurisdiction node in `scope_field`. Views, the
API, exports, search and the admin all start from `.restrict(user)`; nothing
filters by jurisdiction on its own (netbox's RestrictedQuerySet pattern).
"""
from django.db import models


class ScopedQuerySet(models.QuerySet):
    def restrict(self, user):
        """Rows inside the user's jurisdiction subtree; nothing for anyone else.

        Public users (residents, landlords, employers) get nothing here: what they
        may see of their own is read through their own selectors.
        """
        if user is None or not user.is_authenticated or not getattr(user, "is_active", False):
            return self.none()
        node = user.scope_node
        if node is None:
            return self.none()
        field = self.model.scope_field
        return self.filter(**{f"{field}__path__startswith": node.path})

    def in_node(self, node):
        field = self.model.scope_field
        return self.filter(**{f"{field}__path__startswith": node.path})


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass
