from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Q

from anju.accounts.models import User
from anju.accounts.services import AccountError, check_account, phone_normalise, user_create, user_update
from anju.audit.services import audit_log
from anju.core.admin import AuditedReadsAdminMixin, ScopedAdminMixin
from anju.jurisdictions.models import Node


class _AccountChecks:
    """The service's rules as form errors: role and binding, the department's purpose, a valid mobile number, a node
    inside the administrator's own subtree (``acting`` is set by the admin)."""

    acting = None

    def clean(self):
        data = super().clean()
        try:
            check_account(role=data.get("role", ""), jurisdiction=data.get("jurisdiction"),
                          purpose=data.get("purpose", ""), department=data.get("department", ""), actor=self.acting)
            if data.get("phone"):
                data["phone"] = phone_normalise(data["phone"])
        except AccountError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


class AddForm(_AccountChecks, AdminUserCreationForm):
    pass


class ChangeForm(_AccountChecks, UserChangeForm):
    pass


@admin.register(User)
class UserAdmin(AuditedReadsAdminMixin, ScopedAdminMixin, BaseUserAdmin):
    """Accounts through accounts.services (checked and audited): admin rights follow the role, so the permission
    flags and groups of Django's own user admin are not offered. Reads are audited (names and phone numbers)."""

    audit_action = "user"

    form = ChangeForm
    add_form = AddForm
    list_display = ("username", "first_name", "role", "jurisdiction", "phone", "is_active", "locked_until")
    list_filter = ("role", "is_active")
    search_fields = ("username", "first_name", "phone")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("安居 Anju", {"fields": ("first_name", "role", "jurisdiction", "phone", "purpose", "department", "is_active")}),
        ("时间 Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        ("安居 Anju", {"fields": ("first_name", "role", "jurisdiction", "phone", "purpose", "department")}),
    )
    readonly_fields = ("last_login", "date_joined")

    def scope_queryset(self, request, queryset):
        """Staff inside the admin's subtree. Public users (residents, landlords, employers) belong to no jurisdiction:
        only an administrator of a whole province sees their accounts."""
        node = request.user.scope_node
        if node is None:
            return queryset.none()
        mine = Q(jurisdiction__path__startswith=node.path)
        return queryset.filter(mine | Q(jurisdiction__isnull=True) if node.level == "province" else mine)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"acting": request.user})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "jurisdiction":
            node = request.user.scope_node
            kwargs["queryset"] = Node.objects.filter(path__startswith=node.path) if node else Node.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            user_update(actor=request.user, user=obj, role=obj.role, jurisdiction=obj.jurisdiction,
                        phone=obj.phone or "", full_name=obj.first_name, purpose=obj.purpose,
                        department=obj.department, is_active=obj.is_active)
            return
        password = data.get("password1") if data.get("set_usable_password", True) else None
        created = user_create(username=obj.username, role=obj.role, jurisdiction=obj.jurisdiction, password=password,
                              phone=obj.phone or "", full_name=obj.first_name, purpose=obj.purpose,
                              department=obj.department, actor=request.user)
        obj.pk = obj.id = created.pk
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        """Nothing related is edited here (no groups or permissions)."""

    def user_change_password(self, request, id, form_url=""):
        """Django's own password form, audited when it sets (or disables) a password."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            audit_log(actor=request.user, action="user.password", object_type="user", object_ids=[id],
                      request=request)
        return response
