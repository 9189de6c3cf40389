from django import forms
from django.utils.translation import gettext_lazy as _

from anju.accounts.choices import Role
from anju.accounts.services import AccountError, phone_normalise


class MobileField(forms.CharField):
    """A mainland mobile number, checked as the services check it (``phone_normalise``: 11 digits starting with 1;
    +86, spaces, hyphens and full-width digits accepted), so that a mistyped number is said at its field together
    with the form's other mistakes, not alone above the form after they are mended. The text is kept as typed: the
    service reads it again."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value:
            try:
                phone_normalise(value)
            except AccountError as exc:
                raise forms.ValidationError(str(exc), code="invalid") from exc


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
