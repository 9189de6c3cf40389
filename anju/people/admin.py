from django.contrib import admin

from anju.audit.services import audit_log
from anju.core.admin import ScopedAdminMixin, ViewOnlyAdminMixin
from anju.people.models import Person


@admin.register(Person)
class PersonAdmin(ViewOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Reads are audited; writes go through people.services and the registration services (ID numbers encrypted,
    every change audited), never through this form."""

    list_display = ("name", "sex", "birth_date", "id_masked", "jurisdiction", "address")
    search_fields = ("name", "address")
    list_filter = ("sex",)
    readonly_fields = ("id_masked", "id_kind", "created_at", "updated_at")
    raw_id_fields = ("house", "account")

    def get_object(self, request, object_id, from_field=None):
        person = super().get_object(request, object_id, from_field)
        if person is not None:
            audit_log(actor=request.user, action="person.read", object_type="person", object_ids=[person.pk],
                      purpose="管理后台 admin", request=request)
        return person

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        rows = getattr(response, "context_data", {}).get("cl")
        if rows is not None:
            audit_log(actor=request.user, action="person.list", object_type="person",
                      object_ids=[p.pk for p in rows.result_list], purpose="管理后台 admin", request=request)
        return response
