from django.urls import path

from anju.registrations import views

app_name = "registrations"
urlpatterns = [
    path("p/<str:token>/declare/", views.declare_from_plate_view, name="declare_from_plate"),
    path("declare/", views.declare_by_address_view, name="declare"),
    path("me/declarations/<int:pk>/", views.my_declaration_view, name="my_declaration"),
    path("me/declarations/<int:pk>/withdraw/", views.my_declaration_withdraw_view, name="my_declaration_withdraw"),
    path("me/declarations/<int:pk>/correct/", views.my_declaration_correct_view, name="my_declaration_correct"),
    path("me/registrations/<int:pk>/certificate.pdf", views.my_certificate_view, name="my_certificate"),
    path("me/registrations/<int:pk>/end/", views.my_registration_end_view, name="my_registration_end"),
    path("me/delegations/", views.delegations_view, name="delegations"),
    path("me/delegations/<int:pk>/revoke/", views.delegation_revoke_view, name="delegation_revoke"),
    path("v/key.pem", views.public_key_view, name="public_key"),
    path("v/<str:token>", views.verify_view, name="verify"),
    path("o/<str:token>/", views.workplace_view, name="workplace"),
    path("org/", views.organisations_mine_view, name="organisations_mine"),
    path("org/<int:pk>/", views.organisation_view, name="organisation"),
    path("staff/declarations/", views.queue_view, name="queue"),
    path("staff/declarations/<int:pk>/", views.declaration_view, name="declaration"),
    path("staff/tasks/", views.tasks_view, name="tasks"),
    path("staff/tasks/<int:pk>/", views.task_view, name="task"),
    path("staff/registrations/", views.registrations_view, name="registrations"),
    path("staff/registrations/<int:pk>/", views.registration_view, name="registration"),
    path("staff/registrations/<int:pk>/certificate.pdf", views.registration_certificate_view, name="certificate"),
    path("staff/organisations/", views.organisations_view, name="organisations"),
]
