from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.accounts.forms import MobileField
from anju.core.codes import code_choices
from anju.core.forms import IdNumberField
from anju.registrations.choices import DelegationScope, OrganisationKind, TaskResult

ISO_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # HTML date inputs take ISO dates only
MAX_CHILDREN = 4


class DeclareForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
    id_number = IdNumberField(label=_("ID number"), max_length=20)
    phone = MobileField(label=_("Mobile phone"))
    move_in = forms.DateField(label=_("Moved in on"), widget=ISO_DATE)
    room = forms.ChoiceField(label=_("Room"), required=False)
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), required=False)
    hukou_address = forms.CharField(label=_("Household registration address"), max_length=200, required=False)
    education = forms.ChoiceField(label=_("Education"), required=False)
    marital_status = forms.ChoiceField(label=_("Marital status"), required=False)
    employer = forms.CharField(label=_("Employer"), max_length=100, required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=60, required=False)
    on_behalf = forms.ChoiceField(label=_("Declaring for"), required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, house=None, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_in"].initial = timezone.localdate()
        rooms = list(house.rooms.filter(status="active")) if house else []
        self.fields["room"].choices = [("", "—")] + [(r.pk, r.number) for r in rooms]
        for name in ("ethnicity", "education", "marital_status"):
            self.fields[name].choices = [("", "—")] + code_choices(name)
        self.fields["on_behalf"].choices = [("", _("myself"))] + [
            (d.pk, _("%(name)s (delegated)") % {"name": d.grantor.display_name()}) for d in delegations]
        if not delegations:
            self.fields["on_behalf"].widget = forms.HiddenInput()
        for i in range(MAX_CHILDREN):
            self.fields[f"child_name_{i}"] = forms.CharField(label=_("Child's name"), max_length=60, required=False)
            self.fields[f"child_id_{i}"] = forms.CharField(label=_("Child's ID number"), max_length=20, required=False)

    def children(self):
        return [(self.cleaned_data[f"child_name_{i}"], self.cleaned_data[f"child_id_{i}"])
                for i in range(MAX_CHILDREN) if self.cleaned_data.get(f"child_id_{i}")]

    def child_fields(self):
        return [(self[f"child_name_{i}"], self[f"child_id_{i}"]) for i in range(MAX_CHILDREN)]

    def items(self):
        return {k: self.cleaned_data[k] for k in ("ethnicity", "hukou_address", "education", "marital_status",
                                                  "employer", "occupation")}


class WorkerForm(DeclareForm):
    # chosen from the address search, not typed: the page shows the address itself
    address_code = forms.CharField(label=_("Where the worker lives"), max_length=64, widget=forms.HiddenInput)
    position = forms.CharField(label=_("Position"), max_length=60, required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200,
                             error_messages={"required": _("Say why the declaration is rejected")})


class TaskForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Who goes"))
    due_on = forms.DateField(label=_("Due on"), widget=ISO_DATE)
    instructions = forms.CharField(label=_("Instructions"), max_length=200, required=False)

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [(u.pk, f"{u.display_name()} · {u.get_role_display()}") for u in staff]
        self.fields["due_on"].initial = timezone.localdate() + timezone.timedelta(days=3)


class TaskResultForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=TaskResult.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DelegationForm(forms.Form):
    agent_phone = MobileField(label=_("Agent's mobile phone"))
    scope = forms.ChoiceField(label=_("Scope"), choices=DelegationScope.choices)
    expires_on = forms.DateField(label=_("Valid until"), widget=ISO_DATE)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    address_code = forms.CharField(label=_("Standard address code"), max_length=64)
    operator_phone = MobileField(label=_("Operator's mobile phone"), required=False)
    operator_name = forms.CharField(label=_("Operator's name"), max_length=60, required=False)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=18, required=False)
