from anju.core.importing import ImportCommand
from anju.people.registry import population_import


class Command(ImportCommand):
    help = "Import the identity registry (interchange population.csv or .xlsx) / 导入人口库"
    unit_label = "人口库 population"

    def run_import(self, path, progress):
        return population_import(path=path, progress=progress)
