from django.urls import path

from anju.watchlist import views

app_name = "watchlist"
urlpatterns = [
    path("staff/alerts/", views.alerts_view, name="alerts"),
    path("staff/alerts/<int:pk>/", views.alert_view, name="alert"),
    path("staff/watchlist/", views.watchlist_view, name="watchlist"),
    path("staff/watchlist/<int:pk>/photo.jpg", views.photo_view, name="photo"),
    path("staff/keypersons/", views.keypersons_view, name="keypersons"),
    path("staff/keypersons/<int:pk>/", views.keyperson_view, name="keyperson"),
    path("staff/keypersons/rules/", views.rules_view, name="rules"),
]
