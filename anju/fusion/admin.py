from django.contrib import admin, messages

from anju.fusion.models import Source
from anju.fusion.services import FindingError, source_update


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """What each feed is, what its address means and how far it is trusted (the defaults come from its name)."""

    list_display = ("name", "kind", "meaning", "meaning_fixed", "trust", "updated_at")
    list_editable = ("kind", "meaning", "meaning_fixed", "trust")
    search_fields = ("name",)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.role == "admin" and super().has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # a feed's records refer to it; one never imported is harmless and stays listed

    def save_model(self, request, obj, form, change):
        """Through the write path (checked and audited): added, changed, or from the list's editable columns."""
        try:
            source_update(actor=request.user, source=obj, kind=obj.kind, meaning=obj.meaning, trust=obj.trust,
                          description=obj.description,
                          meaning_fixed=True if "meaning" in form.changed_data else obj.meaning_fixed)
        except FindingError as exc:
            self.message_user(request, str(exc), messages.ERROR)
