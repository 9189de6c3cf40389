"""API permissions. Kept apart from core/api.py: DRF imports these while its own views module loads."""
from rest_framework import permissions


class IsStaffWithJurisdiction(permissions.BasePermission):
    """The default for every endpoint: a signed-in staff user bound to a jurisdiction."""

    message = "需要绑定辖区的工作人员账号 / a staff account bound to a jurisdiction is required"

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.scope_node is not None)


class IsPublicUser(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)
