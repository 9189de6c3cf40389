"""Batch commands: device import from Excel, the sweep, the simulator against the broker."""
import pytest
from django.core.management import call_command
from openpyxl import Workbook

from anju.doors.models import Device


def test_devices_are_imported_from_excel_with_bad_rows_reported(tmp_path, house, capsys):
    from anju.addresses.services import address_upsert

    address_upsert(code="A-0700-B1", full_address="文一西路700号1幢", jurisdiction=house.jurisdiction)
    book = Workbook()
    sheet = book.active
    sheet.append(["device_id", "address_code", "name", "house_door"])
    sheet.append(["X-1", "A-0700-B1", "1幢大门", ""])
    sheet.append(["X-2", "A-0700", "101室", "1"])
    sheet.append(["X-3", "NOPE", "", ""])
    sheet.append(["X 4", "A-0700-B1", "", ""])
    path = tmp_path / "devices.xlsx"
    book.save(path)
    call_command("import_devices", str(path))
    call_command("import_devices", str(path))
    err = capsys.readouterr()
    assert "devices.xlsx:4" in err.err and "devices.xlsx:5" in err.err
    assert {d.device_id: (d.kind, d.house_id) for d in Device.objects.all()} == {
        "X-1": ("entrance", None), "X-2": ("house", house.pk)}


def test_sweep_command_reports_what_it_did(device, capsys):
    call_command("doors_sweep")
    assert "offline" in capsys.readouterr().out


def test_simulator_publishes_to_the_broker(device):
    from anju.doors.management.commands.devices_simulate import simulate
    from anju.doors.mqtt import broker_reachable

    if problem := broker_reachable():
        pytest.skip(f"needs an MQTT broker: {problem}")
    sent = simulate([device], rate=200, duration=0.5, noise=0.2)
    assert sent["messages"] > 20 and sent["events"] == sent["messages"]
