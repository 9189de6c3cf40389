from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from anju.addresses.selectors import address_get
from anju.core.api import request_purpose
from anju.core.permissions import IsPublicUser
from anju.houses import plates
from anju.houses.models import Room
from anju.houses.services import house_at_address, plate_house
from anju.lib.bilingual import bilingual
from anju.registrations import selectors, services
from anju.registrations.api.serializers import (
    DeclareSerializer, OwnDeclarationSerializer, RegistrationSerializer, StaffDeclarationSerializer,
)
from anju.registrations.choices import Channel
from anju.registrations.models import Declaration


class DeclarationViewSet(viewsets.GenericViewSet):
    """Residents file declarations (POST); staff read their queue a page at a time, as every list of the API
    (count, next, previous, results), and decide (approve / reject)."""

    # Never read: every action reads through the selectors (scoped, audited). It tells the schema what {id} is.
    queryset = Declaration.objects.none()

    def get_permissions(self):
        return [IsPublicUser()] if self.action in ("create", "mine", "withdraw") else super().get_permissions()

    @extend_schema(request=DeclareSerializer, responses={201: OwnDeclarationSerializer}, parameters=[
        OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER,
                         description="repeat a request with the same key and get the same declaration back")])
    def create(self, request):
        if request.user.is_staff_role:
            raise ValidationError(bilingual("工作人员请使用核录接口", "staff do not declare through this endpoint"))
        data = DeclareSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            house = plate_house(token=values["plate"]) if values.get("plate") else house_at_address(
                actor=request.user, standard_address=address_get(code=values["address_code"], public=True))
        except plates.PlateTokenError as exc:
            raise ValidationError({"plate": str(exc)}) from exc
        except Http404:
            raise ValidationError({"address_code": bilingual("标准地址不存在", "no such standard address")}) from None
        room = Room.objects.filter(house=house, number=values.get("room"), status="active").first() if values.get("room") else None
        key = request.headers.get("Idempotency-Key")
        try:
            declaration = services.declare(
                actor=request.user, channel=Channel.RESIDENT, house=house, room=room, name=values["name"],
                id_number=values["id_number"], move_in=values["move_in"], phone=values["phone"],
                idempotency_key=f"api:{request.user.pk}:{key}" if key else None)
        except (services.RegistrationError, ValueError) as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        return Response(OwnDeclarationSerializer(declaration).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=OwnDeclarationSerializer(many=True))
    @action(detail=False, pagination_class=None)  # the resident's own last 100, one list
    def mine(self, request):
        return Response(OwnDeclarationSerializer(selectors.own_declarations(user=request.user)[:100], many=True).data)

    @extend_schema(request=None, responses=OwnDeclarationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The declarant withdraws their own declaration still waiting for police (a second time changes nothing);
        one already decided is refused (400, saying so); someone else's is not found."""
        declaration = selectors.own_declarations(user=request.user).filter(pk=pk if str(pk).isdigit() else None).first()
        if declaration is None:
            raise NotFound()
        try:
            declaration = services.declaration_withdraw(actor=request.user, declaration=declaration)
        except services.RegistrationError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        return Response(OwnDeclarationSerializer(declaration).data)

    @extend_schema(responses=StaffDeclarationSerializer(many=True),
                   parameters=[OpenApiParameter("flagged", str, enum=["clean", "flagged"])])
    def list(self, request):
        queue = selectors.declaration_queue(user=request.user, flagged=request.query_params.get("flagged", ""))
        from anju.audit.services import audit_log

        rows = StaffDeclarationSerializer(self.paginate_queryset(queue), many=True).data
        audit_log(actor=request.user, action="declaration.list", object_type="declaration",
                  object_ids=[r["id"] for r in rows], purpose=request_purpose(request) or selectors.PURPOSE,
                  request=request)
        return self.get_paginated_response(rows)

    @extend_schema(responses=StaffDeclarationSerializer)
    def retrieve(self, request, pk=None):
        return Response(StaffDeclarationSerializer(selectors.declaration_get(user=request.user, pk=pk, request=request)).data)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        declaration = selectors.declaration_get(user=request.user, pk=pk, request=request)
        try:
            registration = services.declaration_approve(actor=request.user, declaration=declaration,
                                                        note=request.data.get("note", ""),
                                                        same_person=request.data.get("same_person") in (True, "1", "true"))
        except services.RegistrationError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        return Response(RegistrationSerializer(registration).data if registration else {})

    @extend_schema(request=None, responses=StaffDeclarationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        declaration = selectors.declaration_get(user=request.user, pk=pk, request=request)
        try:
            services.declaration_reject(actor=request.user, declaration=declaration, reason=request.data.get("reason", ""))
        except services.RegistrationError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        declaration.refresh_from_db()
        return Response(StaffDeclarationSerializer(declaration).data)


class RegistrationViewSet(viewsets.ReadOnlyModelViewSet):
    """Registrations in the caller's jurisdiction. Every response is audited."""

    serializer_class = RegistrationSerializer

    def get_queryset(self):
        return selectors.registration_search(user=self.request.user, q=self.request.query_params.get("q", ""),
                                             status=self.request.query_params.get("status", "active"))

    def list(self, request, *args, **kwargs):
        from anju.audit.services import audit_log

        response = super().list(request, *args, **kwargs)
        audit_log(actor=request.user, action="registration.list", object_type="registration",
                  object_ids=[r["id"] for r in response.data["results"]],
                  purpose=request_purpose(request) or selectors.PURPOSE, request=request)
        return response

    def get_object(self):
        return selectors.registration_get(user=self.request.user, pk=self.kwargs["pk"], request=self.request)
