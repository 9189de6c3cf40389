from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.accounts.forms import MobileField
from anju.core.forms import IdNumberField
from anju.houses.choices import HouseKind


class LandlordVerifyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
    id_number = forms.CharField(label=_("ID number"), max_length=20)


class HouseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=HouseKind.choices, initial=HouseKind.WHOLE_RENTAL)
    capacity = forms.IntegerField(label=_("Capacity (people)"), min_value=1, max_value=5000, required=False)
    floor_area = forms.DecimalField(label=_("Floor area (m²)"), min_value=1, max_digits=8, decimal_places=2, required=False)


class LandlordHouseForm(HouseForm):
    plate_code = forms.CharField(
        label=_("Door plate number (if the house has a plate)"), max_length=200, required=False,
        help_text=_("A house already in the system becomes yours at once with the number printed under its plate's QR "
                    "code; without it, the community police verify your claim first."))


class StaffHouseForm(HouseForm):
    address_code = forms.CharField(label=_("Standard address code"), max_length=64)
    landlord_phone = MobileField(label=_("Landlord's mobile phone"), required=False)
    landlord_name = forms.CharField(label=_("Landlord's name"), max_length=60, required=False)


class RoomForm(forms.Form):
    number = forms.CharField(label=_("Room"), max_length=20)
    capacity = forms.IntegerField(label=_("Capacity (people)"), min_value=1, max_value=100, required=False)


class MergeForm(forms.Form):
    rooms = forms.MultipleChoiceField(label=_("Rooms to merge"), widget=forms.CheckboxSelectMultiple)
    number = forms.CharField(label=_("Merged room number"), max_length=20)

    def __init__(self, *args, house=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rooms"].choices = [(r.pk, r.number) for r in house.rooms.filter(status="active")] if house else []


class CheckInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
    id_number = IdNumberField(label=_("ID number"), max_length=20)
    phone = MobileField(label=_("Mobile phone"), required=False)
    # An HTML date input only takes ISO dates, whatever the language.
    move_in = forms.DateField(label=_("Moved in on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    room = forms.ChoiceField(label=_("Room"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, house=None, reader=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_number"].reader = reader  # the landlord, or staff checking a tenant in for them
        self.fields["move_in"].initial = timezone.localdate()
        rooms = list(house.rooms.filter(status="active")) if house else []
        self.fields["room"].choices = [("", "—")] + [(r.pk, r.number) for r in rooms]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
