from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from anju.core.api import request_purpose
from anju.people.api.serializers import PersonSerializer
from anju.people.selectors import (
    LIVING, RESIDENCE_CHOICES, PersonSearchError, person_details, person_get, person_list_audit, person_search,
)

PURPOSE = OpenApiParameter("X-Anju-Purpose", str, OpenApiParameter.HEADER, description="Why the data are read (audited), in UTF-8: 协查通报")


@extend_schema_view(
    list=extend_schema(parameters=[
        OpenApiParameter("q", str, description="name, address fragment, birth date, ID number (18 characters "
                         "or a legacy 15 digits), its last 4–6 characters, its first 14–17 (12–14 of a legacy "
                         "number) or its masked form as lists show it (330106********1234); a number that cannot "
                         "be one is refused (400) saying why. A mobile number matches only for a caller whose role "
                         "reads phone numbers (the police roles, the health and civil affairs departments); for another "
                         "(the education department, human resources) it finds "
                         "nobody, as a number no one has, and is not refused, as on the people page"),
        OpenApiParameter("node", str, description="jurisdiction code to narrow to"),
        OpenApiParameter("residence", str, enum=RESIDENCE_CHOICES, default=LIVING, description=(
            "whom: those living here (living, the default, as the people page lists them), those whose residence "
            "here ended (left: their registration ended with no other in force; left_on and left_address say when "
            "and where from), or both (all); another value is refused (400)")), PURPOSE]),
    retrieve=extend_schema(parameters=[PURPOSE]),
)
class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People of the actual population in the caller's jurisdiction. Every response is audited."""

    serializer_class = PersonSerializer

    def get_queryset(self):
        try:  # whom, as the people page's 居住状态 (those living here unless asked); DRF's words for a wrong value
            residence = serializers.ChoiceField(choices=RESIDENCE_CHOICES).run_validation(
                self.request.query_params.get("residence") or LIVING)
        except ValidationError as exc:
            raise ValidationError({"residence": exc.detail}) from exc
        try:
            return person_search(user=self.request.user, q=self.request.query_params.get("q", ""),
                                 node_code=self.request.query_params.get("node", ""), residence=residence)
        except PersonSearchError as exc:
            raise ValidationError({"q": [str(exc)]}) from exc

    def paginate_queryset(self, queryset):
        return person_details(user=self.request.user, people=super().paginate_queryset(queryset))

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        person_list_audit(user=request.user, ids=[row["id"] for row in response.data["results"]],
                          purpose=request_purpose(request), request=request)
        return response

    def get_object(self):
        person = person_get(user=self.request.user, pk=self.kwargs["pk"], purpose=request_purpose(self.request),
                            request=self.request)
        return person_details(user=self.request.user, people=[person])[0]
