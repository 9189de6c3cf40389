from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anju.accounts import services
from anju.accounts.choices import Role
from anju.accounts.forms import PhoneForm, PublicSignInForm, StaffSignInForm


def _next_url(request, default="core:home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def staff_sign_in_view(request):
    form = StaffSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_sign_in(request, **form.cleaned_data)
        except services.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(_next_url(request))
    return render(request, "accounts/sign_in.html", {"form": form, "next": request.GET.get("next", "")})


# Where each public role lands after signing in: its own work, not the resident's page.
_PUBLIC_HOME = {Role.LANDLORD: "houses:landlord_home", Role.EMPLOYER: "registrations:organisations_mine"}


def public_sign_in_view(request):
    """Phone + SMS code for residents, landlords and employers (mobile-first page)."""
    form = PublicSignInForm(request.POST or None)
    if request.method == "POST" and "send" in request.POST:
        phone_form = PhoneForm(request.POST)
        form = PublicSignInForm(initial={"phone": request.POST.get("phone", ""), "role": request.POST.get("role")})
        if phone_form.is_valid():
            try:
                services.sms_code_send(phone=phone_form.cleaned_data["phone"])
            except services.AccountError as exc:  # e.g. asked again within the minute: the form is unbound here
                messages.error(request, str(exc))
            else:
                messages.success(request, _("A code has been sent to your phone"))
    elif request.method == "POST" and form.is_valid():
        try:
            services.public_sign_in(request, **form.cleaned_data)
        except services.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(_next_url(request, default=_PUBLIC_HOME.get(request.user.role, "people:me")))
    return render(request, "accounts/public_sign_in.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def sign_out_view(request):
    staff = request.user.is_authenticated and request.user.is_staff_role
    logout(request)
    return redirect("accounts:login" if staff else "accounts:public_login")
