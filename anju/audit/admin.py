from django.contrib import admin

from anju.audit.models import AuditEntry
from anju.audit.selectors import audit_entries_for


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: administrators browse the log; nobody edits it."""

    list_display = ("seq", "at", "actor_label", "actor_role", "action", "object_type", "purpose", "client_ip")
    list_filter = ("action", "actor_role")
    search_fields = ("actor_label", "action", "purpose")

    def get_queryset(self, request):
        return audit_entries_for(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.can_read_audit
