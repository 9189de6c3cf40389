from rest_framework import serializers

from anju.houses.models import House


class HouseSerializer(serializers.ModelSerializer):
    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = House
        fields = ["id", "address", "kind", "jurisdiction"]
        read_only_fields = fields


class HousingStockSerializer(serializers.ModelSerializer):
    """A house as the housing department reads it (houses/selectors.housing_stock): its use, size and how many live
    in it now, as counts; no one's record, no landlord."""

    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    rooms = serializers.IntegerField(source="room_count", read_only=True, help_text="rooms in use")
    tenants = serializers.IntegerField(source="tenant_count", read_only=True,
                                       help_text="open tenancies on the house's tenant board")
    registered = serializers.IntegerField(source="registered_count", read_only=True,
                                          help_text="distinct people actively registered as living here")
    floor_area_per_person = serializers.SerializerMethodField(
        help_text="floor area (m²) by the larger of tenants and registered; null without both")

    class Meta:
        model = House
        fields = ["id", "address", "kind", "status", "rooms", "capacity", "floor_area", "tenants", "registered",
                  "floor_area_per_person", "jurisdiction"]
        read_only_fields = fields

    def get_floor_area_per_person(self, house) -> float | None:
        living = max(house.tenant_count, house.registered_count)
        return round(float(house.floor_area) / living, 1) if house.floor_area and living else None
