from django.apps import AppConfig


class SimulationConfig(AppConfig):
    name = "anju.simulation"
    label = "simulation"
    verbose_name = "模拟城市与评估"
