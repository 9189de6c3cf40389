from django.urls import path

from anju.audit import views

app_name = "audit"
urlpatterns = [path("staff/audit/", views.audit_list_view, name="list")]
