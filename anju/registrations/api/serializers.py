from rest_framework import serializers

from anju.lib.bilingual import bilingual
from anju.registrations.choices import DeclarationStatus
from anju.registrations.models import Declaration, Registration


class DeclareSerializer(serializers.Serializer):
    """What a resident submits. The house is named by its door-plate token or its standard address code."""

    plate = serializers.CharField(required=False, allow_blank=True, help_text="door-plate token (from the QR code)")
    address_code = serializers.CharField(required=False, allow_blank=True)
    name = serializers.CharField(max_length=60)
    id_number = serializers.CharField(max_length=20)
    phone = serializers.CharField(max_length=20)
    move_in = serializers.DateField()
    room = serializers.CharField(required=False, allow_blank=True, help_text="room number within the house")

    def validate(self, data):
        if not data.get("plate") and not data.get("address_code"):
            raise serializers.ValidationError(bilingual("需要门牌码或标准地址编码", "give plate or address_code"))
        return data


class OwnDeclarationSerializer(serializers.Serializer):
    """What the declarant sees of their own declaration: its state, never the checks run on it. Fields are
    declared rather than derived from the model: it answers every submission, and deriving them costs CPU."""

    id = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=DeclarationStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    name = serializers.CharField(read_only=True)
    address = serializers.CharField(source="house.address", read_only=True)
    move_in = serializers.DateField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class StaffDeclarationSerializer(serializers.ModelSerializer):
    address = serializers.CharField(source="house.address")
    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    id_number = serializers.CharField(source="id_masked")

    class Meta:
        model = Declaration
        fields = ["id", "kind", "status", "channel", "name", "id_number", "sex", "birth_date", "address", "move_in",
                  "jurisdiction", "flags", "identity_status", "created_at"]


class RegistrationSerializer(serializers.ModelSerializer):
    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    id_number = serializers.CharField(source="id_masked")

    class Meta:
        model = Registration
        fields = ["id", "number", "status", "name", "id_number", "sex", "birth_date", "address", "jurisdiction",
                  "starts_on", "valid_until", "ended_on"]
