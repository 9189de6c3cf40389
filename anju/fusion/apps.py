from django.apps import AppConfig


class FusionConfig(AppConfig):
    name = "anju.fusion"
    label = "fusion"
    verbose_name = "数据比对精准补缺"
