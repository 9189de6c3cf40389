from django.contrib import admin

from anju.core.admin import AuditedReadsAdminMixin, ScopedAdminMixin, ViewOnlyAdminMixin
from anju.people.models import Person


@admin.register(Person)
class PersonAdmin(AuditedReadsAdminMixin, ViewOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Reads are audited; writes go through people.services and the registration services (ID numbers encrypted,
    every change audited), never through this form."""

    list_display = ("name", "sex", "birth_date", "id_masked", "jurisdiction", "address")
    search_fields = ("name", "address")
    list_filter = ("sex",)
    readonly_fields = ("id_masked", "id_kind", "created_at", "updated_at")
    raw_id_fields = ("house", "account")
    audit_action = "person"
