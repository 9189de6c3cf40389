from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "anju.registrations"
    label = "registrations"
    verbose_name = "居住登记"
