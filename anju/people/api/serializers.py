from rest_framework import serializers

from anju.people.models import Person
from anju.people.selectors import person_fields

# The person field (accounts/choices.PERSON_FIELDS) each API field shows; "id" is the record's own. Where a person
# lived until their residence here ended, and when, is part of their residence address: read by whoever reads that,
# as the people list shows it in the address column.
SOURCE_FIELDS = {"sex_label": "sex", "id_number": "id_masked", "left_on": "address", "left_address": "address"}


class PersonSerializer(serializers.ModelSerializer):
    """A person as the caller's duty reads it: fields it does not read are left out (accounts/choices.Reads)."""

    id_number = serializers.CharField(source="id_masked", read_only=True, help_text="Masked: 330102********1234")
    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sex_label = serializers.CharField(source="get_sex_display", read_only=True)
    # derived (people/selectors.person_details), for the departments whose duty reads them
    employment = serializers.ListField(
        child=serializers.DictField(), read_only=True,
        help_text="Workplaces now, from approved declarations: organisation, credit_code, started_on")
    lives_alone = serializers.BooleanField(
        read_only=True, allow_null=True,
        help_text="Nobody else recorded or actively registered at the person's house; null when the house is unknown")

    class Meta:
        model = Person
        fields = ["id", "name", "sex", "sex_label", "birth_date", "ethnicity", "id_number", "jurisdiction", "address",
                  "house", "left_on", "left_address", "hukou_address", "phone", "employment", "lives_alone"]
        extra_kwargs = {
            "left_on": {"help_text": "The day the person's residence here ended (their last registration ended, none "
                                     "other in force); null while they live here"},
            "left_address": {"help_text": "Where they lived until left_on; empty while they live here"}}
        read_only_fields = fields

    def get_fields(self):
        fields = super().get_fields()
        request, view = self.context.get("request"), self.context.get("view")
        if request is None or getattr(view, "swagger_fake_view", False):
            return fields  # the schema describes every field
        readable = person_fields(user=request.user)
        return {name: field for name, field in fields.items()
                if name == "id" or SOURCE_FIELDS.get(name, name) in readable}
