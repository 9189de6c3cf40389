from django.apps import AppConfig


class DoorsConfig(AppConfig):
    name = "anju.doors"
    label = "doors"
    verbose_name = "智能门禁"

    def ready(self):
        from anju.doors import receivers  # noqa: F401  (deregistration cancels cards)
        from anju.core.waiting import waiting_counter
        from anju.doors import panels
        from anju.people.related import person_related

        person_related(panels.person_credentials)  # the person page and the home page (people.related, core.waiting)
        waiting_counter(panels.alarms_waiting)
