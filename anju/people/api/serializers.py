from rest_framework import serializers

from anju.people.models import Person


class PersonSerializer(serializers.ModelSerializer):
    id_number = serializers.CharField(source="id_masked", read_only=True, help_text="Masked: 330102********1234")
    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sex_label = serializers.CharField(source="get_sex_display", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "sex", "sex_label", "birth_date", "ethnicity", "id_number", "jurisdiction", "address",
                  "house", "hukou_address"]
        read_only_fields = fields
