from django.urls import path

from anju.cockpit import views

app_name = "cockpit"
urlpatterns = [
    path("cockpit/", views.cockpit_view, name="cockpit"),
    path("cockpit/data", views.cockpit_data_view, name="data"),
    path("cockpit/live", views.cockpit_live_view, name="live"),
    path("cockpit/export.xlsx", views.cockpit_export_view, name="export"),
    path("cockpit/report.pdf", views.cockpit_report_view, name="report"),
]
