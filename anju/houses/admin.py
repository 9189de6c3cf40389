from django.contrib import admin

from anju.core.admin import ScopedAdminMixin
from anju.houses.models import House, Room


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    raw_id_fields = ("landlord", "merged_into")


@admin.register(House)
class HouseAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("address", "kind", "status", "jurisdiction")
    list_filter = ("kind", "status")
    search_fields = ("address",)
    raw_id_fields = ("standard_address", "agent")
    inlines = [RoomInline]
