from django import forms
from django.utils.translation import gettext_lazy as _

from anju.accounts.choices import Role


class StaffSignInForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)


class PhoneForm(forms.Form):
    phone = forms.CharField(label=_("Mobile phone"), max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))


class PublicSignInForm(PhoneForm):
    code = forms.CharField(label=_("SMS code"), max_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))
    role = forms.ChoiceField(
        label=_("I am"), initial=Role.RESIDENT,
        choices=[(Role.RESIDENT, _("a resident")), (Role.LANDLORD, _("a landlord")), (Role.EMPLOYER, _("an employer"))],
    )
