"""The admin sees what its user's jurisdiction allows, like every other path."""
from django.contrib import admin

from anju.audit.services import audit_log


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


class AuditedReadsAdminMixin:
    """Lists and detail pages of personal records are audited like the staff pages: ``audit_subject`` says what a
    row is about (object type, id), ``audit_action`` the prefix of the actions (``person`` → person.list, person.read)."""

    audit_action = ""

    def audit_subject(self, obj) -> tuple[str, object]:
        return self.audit_action, obj.pk

    def _audit(self, request, action, objs):
        subjects = [self.audit_subject(o) for o in objs]
        subjects = [(t, i) for t, i in subjects if i is not None]
        if subjects:
            audit_log(actor=request.user, action=f"{self.audit_action}.{action}", object_type=subjects[0][0],
                      object_ids=[i for _t, i in subjects], purpose="管理后台 admin", request=request)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            self._audit(request, "read", [obj])
        return obj

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        rows = getattr(response, "context_data", {}).get("cl")
        if rows is not None:
            self._audit(request, "list", rows.result_list)
        return response


admin.site.site_header = "安居平台管理 Anju administration"
admin.site.site_title = "安居平台"
admin.site.index_title = "系统管理"
