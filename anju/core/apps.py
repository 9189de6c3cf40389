from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "anju.core"
    label = "core"
    verbose_name = "安居平台"
