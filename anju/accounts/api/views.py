from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.permissions import IsPublicUser


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    role = serializers.CharField()
    jurisdiction = serializers.CharField(allow_null=True)
    purpose = serializers.CharField()


class MeView(APIView):
    """Who the caller is and where they may look."""

    permission_classes = [IsPublicUser]
    serializer_class = MeSerializer

    def get(self, request):
        user = request.user
        node = user.scope_node
        return Response(MeSerializer({"username": user.username, "role": user.role,
                                      "jurisdiction": node.code if node else None, "purpose": user.purpose}).data)
