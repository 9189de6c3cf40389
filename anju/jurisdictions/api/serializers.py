from rest_framework import serializers

from anju.jurisdictions.models import Node


class NodeSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Node
        fields = ["code", "name", "level", "parent"]
        read_only_fields = fields
