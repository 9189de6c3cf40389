from rest_framework import serializers

from anju.people.models import Person
from anju.people.selectors import person_fields

# The person field (accounts/choices.PERSON_FIELDS) each API field shows; "id" is the record's own.
SOURCE_FIELDS = {"sex_label": "sex", "id_number": "id_masked"}


class PersonSerializer(serializers.ModelSerializer):
    """A person as the caller's duty reads it: fields it does not read are left out (accounts/choices.Reads)."""

    id_number = serializers.CharField(source="id_masked", read_only=True, help_text="Masked: 330102********1234")
    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sex_label = serializers.CharField(source="get_sex_display", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "sex", "sex_label", "birth_date", "ethnicity", "id_number", "jurisdiction", "address",
                  "house", "hukou_address"]
        read_only_fields = fields

    def get_fields(self):
        fields = super().get_fields()
        request, view = self.context.get("request"), self.context.get("view")
        if request is None or getattr(view, "swagger_fake_view", False):
            return fields  # the schema describes every field
        readable = person_fields(user=request.user)
        return {name: field for name, field in fields.items()
                if name == "id" or SOURCE_FIELDS.get(name, name) in readable}
