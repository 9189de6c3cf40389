from django.contrib import admin

from anju.core.admin import ScopedAdminMixin, ViewOnlyAdminMixin
from anju.jurisdictions.models import Node


@admin.register(Node)
class NodeAdmin(ViewOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """The tree comes from `anju import jurisdictions` (jurisdictions.services): a node added or moved here would
    skip the level and parent checks and could get an empty path, which every scope would contain."""

    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    readonly_fields = ("path",)

    def scope_queryset(self, request, queryset):
        node = request.user.scope_node
        return queryset.filter(path__startswith=node.path) if node else queryset.none()
