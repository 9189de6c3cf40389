from django.urls import path

from anju.doors import views

app_name = "doors"
urlpatterns = [
    path("staff/doors/", views.device_list_view, name="devices"),
    path("staff/doors/devices/<int:pk>/", views.device_detail_view, name="device"),
    path("staff/doors/devices/<int:pk>/key/", views.device_key_view, name="device_key"),
    path("staff/doors/alarms/", views.alarm_list_view, name="alarms"),
    path("staff/doors/alarms/<int:pk>/<str:action>/", views.alarm_action_view, name="alarm_action"),
    path("staff/care/", views.care_view, name="care"),
    path("staff/houses/<int:pk>/cards/", views.house_cards_view, name="house_cards"),
    path("staff/houses/<int:pk>/cards/requests/<int:request_pk>/", views.suspension_decide_view, name="decide"),
    path("landlord/houses/<int:pk>/cards/", views.landlord_cards_view, name="landlord_cards"),
    path("m/registrations/<int:pk>/residence-proof.pdf", views.residence_proof_view, name="residence_proof"),
    path("houses/<int:pk>/cards/issue/", views.card_issue_view, name="card_issue"),
    path("houses/<int:pk>/cards/<int:card_pk>/<str:action>/", views.card_action_view, name="card_action"),
]
