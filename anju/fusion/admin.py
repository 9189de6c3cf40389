from django.contrib import admin

from anju.fusion.models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """What each feed is, what its address means and how far it is trusted (the defaults come from its name)."""

    list_display = ("name", "kind", "meaning", "trust", "updated_at")
    list_editable = ("kind", "meaning", "trust")
    search_fields = ("name",)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.role == "admin" and super().has_module_permission(request)
