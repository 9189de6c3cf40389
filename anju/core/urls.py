from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from anju.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that do not name an icon (the admin, the API docs).
    path("favicon.ico", RedirectView.as_view(url=static("anju/favicon.svg"), permanent=True)),
]
