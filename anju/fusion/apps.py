from django.apps import AppConfig


class FusionConfig(AppConfig):
    name = "anju.fusion"
    label = "fusion"
    verbose_name = "数据比对精准补缺"

    def ready(self):
        from anju.fusion import receivers  # noqa: F401  (a registration that ends resolves its open findings)
