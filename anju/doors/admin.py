"""The admin sees devices, cards and alarms of its own jurisdiction only; changes go through the pages and
services (read-only here), so the lifecycle rules and the audit log cannot be bypassed."""
from django.contrib import admin

from anju.core.admin import AuditedReadsAdminMixin, ScopedAdminMixin
from anju.core.admin import ViewOnlyAdminMixin as ReadOnlyMixin
from anju.doors.models import Alarm, Credential, Device


@admin.register(Device)
class DeviceAdmin(ScopedAdminMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("device_id", "name", "kind", "status", "door_state", "last_seen_at", "jurisdiction")
    list_filter = ("status", "kind")
    search_fields = ("device_id", "name")


@admin.register(Credential)
class CredentialAdmin(AuditedReadsAdminMixin, ScopedAdminMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("uid", "kind", "holder_name", "status", "valid_until", "house")
    audit_action = "door.credential"

    def audit_subject(self, obj):
        return "registration", obj.registration_id  # a card names its holder: a read of their registration
    list_filter = ("status", "kind")
    search_fields = ("uid",)


@admin.register(Alarm)
class AlarmAdmin(ScopedAdminMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("device", "kind", "status", "raised_at", "station")
    list_filter = ("kind", "status")
