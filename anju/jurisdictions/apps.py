from django.apps import AppConfig


class JurisdictionsConfig(AppConfig):
    name = "anju.jurisdictions"
    label = "jurisdictions"
    verbose_name = "辖区"
