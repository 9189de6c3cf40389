"""The site's routes plus the fusion views, for the view tests (the project urls.py includes anju.fusion.urls)."""
from django.urls import include, path

from anju.urls import urlpatterns as site

urlpatterns = [path("", include("anju.fusion.urls")), *site]
