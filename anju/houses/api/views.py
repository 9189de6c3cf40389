from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from anju.houses.api.serializers import HouseSerializer
from anju.houses.selectors import house_get, house_list


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("q", str, description="address fragment")]))
class HouseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = HouseSerializer

    def get_queryset(self):
        return house_list(user=self.request.user, q=self.request.query_params.get("q", ""))

    def get_object(self):
        return house_get(user=self.request.user, pk=self.kwargs["pk"])
