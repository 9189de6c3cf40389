from django import forms
from django.utils.translation import gettext_lazy as _

from anju.watchlist.choices import AlertOutcome
from anju.watchlist.keypersons import FEATURES, OPERATORS

ISO_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EntryForm(forms.Form):
    watch_id = forms.CharField(label=_("Watch ID"), max_length=64)
    id_number = forms.CharField(label=_("ID number"), max_length=20, required=False)
    name = forms.CharField(label=_("Name"), max_length=60, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), ("1", "男"), ("2", "女")], required=False)
    birth_date = forms.DateField(label=_("Birth date"), widget=ISO_DATE, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=200)
    issuing_unit = forms.CharField(label=_("Issuing unit"), max_length=100, required=False)
    valid_until = forms.DateField(label=_("Valid until"), widget=ISO_DATE, required=False)
    photo = forms.FileField(label=_("Photo (JPEG, PNG or WebP)"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AlertOutcome.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    feature = forms.CharField(label=_("Feature"), max_length=40,
                              help_text=", ".join(FEATURES))
    operator = forms.ChoiceField(label=_("Operator"), choices=[(o, o) for o in OPERATORS])
    threshold = forms.FloatField(label=_("Threshold"))
    points = forms.IntegerField(label=_("Points"))
    window_days = forms.IntegerField(label=_("Window (days)"), required=False, min_value=1)


class DecideForm(forms.Form):
    confirm = forms.ChoiceField(label=_("Decision"), choices=[("yes", _("Confirm the proposed level")),
                                                              ("no", _("Reject"))])
    reason = forms.CharField(label=_("Reason"), max_length=300)
