"""API permissions. Kept apart from core/api.py: DRF imports these while its own views module loads."""
from rest_framework import permissions

from anju.accounts.choices import Area
from anju.lib.bilingual import Bilingual

# What each staff endpoint reads (accounts/choices.Area), by its router basename, as core/decorators.PAGE_AREAS does
# for pages; the router's index lists links only. Any other endpoint missing here is answered only for a role that
# reads every area (a test requires every viewset to be named).
API_AREAS = {
    "jurisdiction": Area.OVERVIEW,
    "person": Area.PEOPLE,
    "house": Area.HOUSES,
    "housing": Area.HOUSING,
    "declaration": Area.DECLARATIONS,
    "registration": Area.REGISTRATIONS,
}


class IsStaffWithJurisdiction(permissions.BasePermission):
    """The default for every endpoint: a signed-in staff user bound to a jurisdiction, whose role reads what the
    endpoint gives (API_AREAS)."""

    message = Bilingual("需要绑定辖区、且职责允许读取此类数据的工作人员账号",
                        "a staff account bound to a jurisdiction, whose duty reads these data, is required")

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.scope_node is not None):
            return False
        if getattr(view, "api_root_dict", None) is not None:  # the router's index (DRF's APIRootView)
            return user.may_read(Area.OVERVIEW)
        return user.may_read(API_AREAS.get(getattr(view, "basename", None)))


class IsPublicUser(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)
