from django.apps import AppConfig


class HousesConfig(AppConfig):
    name = "anju.houses"
    label = "houses"
    verbose_name = "实有房屋"
