from django.urls import path

from anju.people import views

app_name = "people"
urlpatterns = [
    path("staff/people/", views.person_list_view, name="list"),
    path("staff/people/export.xlsx", views.person_export_view, name="export"),
    path("staff/people/<int:pk>/", views.person_detail_view, name="detail"),
    path("staff/people/<int:pk>/unmask/", views.person_unmask_view, name="unmask"),
    path("me/", views.me_view, name="me"),
]
