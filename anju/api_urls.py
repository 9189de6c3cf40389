"""The REST API: one router for all apps' viewsets, the OpenAPI schema and its offline docs."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from anju.accounts.api.views import MeView
from anju.core.codes import CodeTablesView
from anju.houses.api.views import HouseViewSet, HousingStockViewSet
from anju.jurisdictions.api.views import NodeViewSet
from anju.people.api.views import PersonViewSet
from anju.registrations.api.views import DeclarationViewSet, RegistrationViewSet

router = DefaultRouter()
router.register("people", PersonViewSet, basename="person")
router.register("houses", HouseViewSet, basename="house")
router.register("housing", HousingStockViewSet, basename="housing")
router.register("jurisdictions", NodeViewSet, basename="jurisdiction")
router.register("declarations", DeclarationViewSet, basename="declaration")
router.register("registrations", RegistrationViewSet, basename="registration")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("codes/", CodeTablesView.as_view(), name="api-codes"),
    path("doors/", include("anju.doors.api.urls")),  # device endpoints, HMAC-authenticated (anju/doors/api/views.py)
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("", include(router.urls)),
]
