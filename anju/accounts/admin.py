from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Q

from anju.accounts.models import User
from anju.core.admin import ScopedAdminMixin


@admin.register(User)
class UserAdmin(ScopedAdminMixin, BaseUserAdmin):
    list_display = ("username", "first_name", "role", "jurisdiction", "phone", "is_active", "locked_until")
    list_filter = ("role", "is_active")
    search_fields = ("username", "first_name", "phone")
    fieldsets = BaseUserAdmin.fieldsets + (("安居 Anju", {"fields": ("role", "jurisdiction", "phone", "purpose")}),)

    def scope_queryset(self, request, queryset):
        """Staff inside the admin's subtree, and public users (they belong to no jurisdiction)."""
        node = request.user.scope_node
        if node is None:
            return queryset.none()
        return queryset.filter(Q(jurisdiction__path__startswith=node.path) | Q(jurisdiction__isnull=True))
