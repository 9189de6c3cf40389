from django.urls import path

from anju.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.staff_sign_in_view, name="login"),
    path("m/login/", views.public_sign_in_view, name="public_login"),
    path("logout/", views.sign_out_view, name="logout"),
]
