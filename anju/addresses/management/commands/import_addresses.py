from anju.core.importing import ImportCommand
from anju.addresses.services import addresses_import


class Command(ImportCommand):
    help = "Import the standard address library (interchange addresses.csv or .xlsx) / 导入标准地址库"
    unit_label = "地址 addresses"

    def run_import(self, path, progress):
        return addresses_import(path=path, progress=progress)
