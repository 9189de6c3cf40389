from anju.core.importing import ImportCommand
from anju.registrations.imports import registrations_import


class Command(ImportCommand):
    help = "Import residence registrations already on record (interchange registrations.csv or .xlsx) / 导入已有居住登记"
    unit_label = "登记 registrations"

    def run_import(self, path, progress):
        return registrations_import(path=path, progress=progress)
