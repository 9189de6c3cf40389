from django.urls import path

from anju.fusion import views

app_name = "fusion"
urlpatterns = [
    path("staff/findings/", views.findings_view, name="findings"),
    path("staff/findings/<int:pk>/", views.finding_view, name="finding"),
    path("me/residence/<int:pk>/answer/", views.person_answer_view, name="person_answer"),
]
