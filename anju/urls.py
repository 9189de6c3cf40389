from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    # The admin signs in through the staff sign-in page, which applies lock-out and the jurisdiction check.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("api/", include("anju.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("anju.accounts.urls")),
    path("", include("anju.people.urls")),
    path("", include("anju.houses.urls")),
    path("", include("anju.addresses.urls")),
    path("", include("anju.registrations.urls")),
    path("", include("anju.doors.urls")),
    path("", include("anju.watchlist.urls")),
    path("", include("anju.fusion.urls")),
    path("", include("anju.cockpit.urls")),
    path("", include("anju.audit.urls")),
    path("", include("anju.core.urls")),
]
