from rest_framework import serializers

from anju.houses.models import House


class HouseSerializer(serializers.ModelSerializer):
    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = House
        fields = ["id", "address", "kind", "jurisdiction"]
        read_only_fields = fields
