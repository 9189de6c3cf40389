from django.apps import AppConfig


class DoorsConfig(AppConfig):
    name = "anju.doors"
    label = "doors"
    verbose_name = "智能门禁"

    def ready(self):
        from anju.doors import receivers  # noqa: F401  (deregistration cancels cards)
