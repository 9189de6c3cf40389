"""The admin sees what its user's jurisdiction allows, like every other path."""
from django.contrib import admin


class ScopedAdminMixin:
    def scope_queryset(self, request, queryset):
        return queryset.restrict(request.user)

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))

    def has_module_permission(self, request):
        return request.user.is_active and request.user.scope_node is not None and super().has_module_permission(request)


class ViewOnlyAdminMixin:
    """For records that have their own audited write path (imports, services, staff pages): the admin shows them
    and never adds, changes or deletes them, which would skip the checks and the audit trail."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff


admin.site.site_header = "安居平台管理 Anju administration"
admin.site.site_title = "安居平台"
admin.site.index_title = "系统管理"
