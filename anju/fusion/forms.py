from django import forms
from django.utils.translation import gettext_lazy as _

ISO_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConfirmForm(forms.Form):
    id_number = forms.CharField(label=_("ID number as checked"), max_length=20, required=False)
    name = forms.CharField(label=_("Name as checked"), max_length=60, required=False)
    move_in = forms.DateField(label=_("Moved in on"), widget=ISO_DATE, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    # offered once confirming was refused for a number registered under another name (services.SamePersonUnconfirmed)
    same_person = forms.BooleanField(label=_("Same person, moving here: end the other registration"), required=False)


class RejectForm(forms.Form):
    note = forms.CharField(label=_("What was found on site"), max_length=300)
