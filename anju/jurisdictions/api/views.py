from rest_framework import viewsets

from anju.jurisdictions.api.serializers import NodeSerializer
from anju.jurisdictions.selectors import node_get, node_list


class NodeViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's part of the jurisdiction tree."""

    serializer_class = NodeSerializer
    lookup_field = "code"

    def get_queryset(self):
        return node_list(user=self.request.user).select_related("parent")

    def get_object(self):
        return node_get(user=self.request.user, code=self.kwargs["code"])
