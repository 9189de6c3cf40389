from django.contrib import admin

from anju.core.admin import ScopedAdminMixin, ViewOnlyAdminMixin
from anju.houses.models import House, Room


class RoomInline(ViewOnlyAdminMixin, admin.TabularInline):
    model = Room
    extra = 0
    raw_id_fields = ("landlord", "merged_into")


@admin.register(House)
class HouseAdmin(ViewOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Houses and rooms are registered and changed through houses.services (landlords' and officers' pages, audited),
    never through this form."""

    list_display = ("address", "kind", "status", "jurisdiction")
    list_filter = ("kind", "status")
    search_fields = ("address",)
    raw_id_fields = ("standard_address", "agent")
    inlines = [RoomInline]
