from django.apps import AppConfig


class FusionConfig(AppConfig):
    name = "anju.fusion"
    label = "fusion"
    verbose_name = "数据比对精准补缺"

    def ready(self):
        from anju.fusion import receivers  # noqa: F401  (a registration that ends resolves its open findings)
        from anju.core.waiting import waiting_counter
        from anju.fusion import panels
        from anju.people.related import person_related

        person_related(panels.person_findings)  # the person page and the home page (people.related, core.waiting)
        waiting_counter(panels.findings_waiting)
