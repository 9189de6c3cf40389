"""The admin sees devices, cards and alarms of its own jurisdiction only; changes go through the pages and
services (read-only here), so the lifecycle rules and the audit log cannot be bypassed."""
from django.contrib import admin

from anju.core.admin import ScopedAdminMixin
from anju.doors.models import Alarm, Credential, Device


class ReadOnlyMixin:
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Device)
class DeviceAdmin(ScopedAdminMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("device_id", "name", "kind", "status", "door_state", "last_seen_at", "jurisdiction")
    list_filter = ("status", "kind")
    search_fields = ("device_id", "name")


@admin.register(Credential)
class CredentialAdmin(ScopedAdminMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("uid", "kind", "holder_name", "status", "valid_until", "house")
    list_filter = ("status", "kind")
    search_fields = ("uid",)


@admin.register(Alarm)
class AlarmAdmin(ScopedAdminMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("device", "kind", "status", "raised_at", "station")
    list_filter = ("kind", "status")
