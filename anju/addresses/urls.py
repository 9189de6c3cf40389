from django.urls import path

from anju.addresses import views

app_name = "addresses"

urlpatterns = [
    path("staff/addresses/", views.address_list_view, name="list"),
    path("staff/addresses/new/", views.address_new_view, name="new"),
]
