from django import forms
from django.utils.translation import gettext_lazy as _


class AddressForm(forms.Form):
    """One standard address entered by hand; the full address is composed from the parts."""

    jurisdiction = forms.ChoiceField(label=_("Jurisdiction (community or grid)"))
    province = forms.CharField(label=_("Province"), max_length=40, required=False)
    city = forms.CharField(label=_("City"), max_length=40, required=False)
    district = forms.CharField(label=_("District or county"), max_length=40)
    street = forms.CharField(label=_("Street or town"), max_length=60, required=False)
    community = forms.CharField(label=_("Community or village committee"), max_length=60, required=False)
    road = forms.CharField(label=_("Road or village"), max_length=60)
    house_number = forms.CharField(label=_("House number"), max_length=20)
    building = forms.CharField(label=_("Building"), max_length=20, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    room = forms.CharField(label=_("Room"), max_length=20, required=False)
    # offered once the address has been refused as reading like one already in the library
    different_place = forms.BooleanField(label=_("This is a different place"), required=False,
                                         widget=forms.CheckboxInput(attrs={"style": "width:auto"}))

    def __init__(self, *args, nodes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = [(n.code, f"{n.name}（{n.code}）") for n in nodes]
