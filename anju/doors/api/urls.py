from django.urls import path

from anju.doors.api import views

urlpatterns = [
    path("devices/<str:device_id>/events", views.events_view, name="door-events"),
    path("devices/<str:device_id>/allowlist", views.allowlist_view, name="door-allowlist"),
]
