from django.contrib import admin

from anju.core.admin import ScopedAdminMixin
from anju.houses.models import House


@admin.register(House)
class HouseAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("address", "kind", "jurisdiction", "landlord")
    list_filter = ("kind",)
    search_fields = ("address",)
    raw_id_fields = ("landlord",)
