from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "anju.people"
    label = "people"
    verbose_name = "实有人口"
