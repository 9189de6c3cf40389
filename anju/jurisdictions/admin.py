from django.contrib import admin

from anju.core.admin import ScopedAdminMixin
from anju.jurisdictions.models import Node


@admin.register(Node)
class NodeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    readonly_fields = ("path",)

    def scope_queryset(self, request, queryset):
        node = request.user.scope_node
        return queryset.filter(path__startswith=node.path) if node else queryset.none()
