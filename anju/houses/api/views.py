from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from anju.core.api import request_purpose
from anju.houses.api.serializers import HouseSerializer, HousingStockSerializer
from anju.houses.selectors import house_get, house_list, housing_stock, housing_stock_audit, housing_stock_get

PURPOSE = OpenApiParameter("X-Anju-Purpose", str, OpenApiParameter.HEADER,
                           description="Why the data are read (audited), in UTF-8: 2026年群租房排查")


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("q", str, description="address fragment")]))
class HouseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = HouseSerializer

    def get_queryset(self):
        return house_list(user=self.request.user, q=self.request.query_params.get("q", ""))

    def get_object(self):
        return house_get(user=self.request.user, pk=self.kwargs["pk"])


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("q", str, description="address fragment"),
                                   OpenApiParameter("node", str, description="jurisdiction code to narrow to"),
                                   PURPOSE]),
    retrieve=extend_schema(parameters=[PURPOSE]),
)
class HousingStockViewSet(viewsets.ReadOnlyModelViewSet):
    """The housing stock of the caller's jurisdiction, for the housing department's rental housing management: each
    house's use, rooms, capacity, floor area and occupant counts. Every response is audited."""

    serializer_class = HousingStockSerializer

    def get_queryset(self):
        return housing_stock(user=self.request.user, q=self.request.query_params.get("q", ""),
                             node_code=self.request.query_params.get("node", ""))

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        housing_stock_audit(user=request.user, ids=[row["id"] for row in response.data["results"]],
                            purpose=request_purpose(request), request=request)
        return response

    def get_object(self):
        return housing_stock_get(user=self.request.user, pk=self.kwargs["pk"], purpose=request_purpose(self.request),
                                 request=self.request)
