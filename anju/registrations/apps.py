from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "anju.registrations"
    label = "registrations"
    verbose_name = "居住登记"

    def ready(self):
        from anju.core.waiting import waiting_counter
        from anju.people.related import person_related
        from anju.registrations import panels

        person_related(panels.person_registrations)
        person_related(panels.person_declarations)
        waiting_counter(panels.declarations_waiting)
        waiting_counter(panels.tasks_waiting)
