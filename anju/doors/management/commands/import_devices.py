"""`anju import devices FILE`: door devices in bulk from Excel or CSV (device_id, address_code, name, house_door)."""
from anju.core.importing import ImportCommand
from anju.doors.services import devices_import


class Command(ImportCommand):
    help = "Import door devices (批量导入门禁设备): device_id, address_code, name, house_door"
    unit_label = "devices"

    def run_import(self, path, progress):
        return devices_import(actor=None, path=path, progress=progress)
