from anju.core.importing import ImportCommand
from anju.watchlist.services import watchlist_import


class Command(ImportCommand):
    help = "Import wanted persons (interchange watchlist.csv or .xlsx) / 导入网上逃犯库"
    unit_label = "在逃 watchlist"

    def run_import(self, path, progress):
        return watchlist_import(path=path, progress=progress)
