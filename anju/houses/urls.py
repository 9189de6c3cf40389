from django.urls import path

from anju.houses import views

app_name = "houses"
urlpatterns = [path("staff/houses/", views.house_list_view, name="list")]
