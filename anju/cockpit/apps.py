from django.apps import AppConfig


class CockpitConfig(AppConfig):
    name = "anju.cockpit"
    label = "cockpit"
    verbose_name = "驾驶舱"
