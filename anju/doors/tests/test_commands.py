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


def test_door_feed_gives_fusion_one_record_per_holder_and_day_and_repeats_nothing(device, send, house, officer_a,
                                                                                   registration, register, capsys):
    import time

    from anju.doors.feed import SOURCE
    from anju.doors.services import credential_cancel, credential_issue, credential_report_loss
    from anju.doors.tests.conftest import swipe
    from anju.fusion.models import Observation, Profile

    card = credential_issue(actor=officer_a, house=house, registration=registration, uid="FEED01")
    gone = credential_issue(actor=officer_a, house=house, registration=register(house, seq="702", name="吴九"),
                            uid="FEED02")
    lost = credential_issue(actor=officer_a, house=house, registration=register(house, seq="703", name="郑十"),
                            uid="FEED03")
    credential_cancel(actor=officer_a, credential=gone, reason="已搬离")
    credential_report_loss(actor=officer_a, credential=lost, reason="挂失")
    day = 86400
    now = time.time()
    send(send.envelope(device, [swipe(1, card.uid, at=now - 2 * day), swipe(2, card.uid, at=now - 2 * day + 60),
                                swipe(3, card.uid, at=now - day),
                                swipe(4, gone.uid, result="refused", at=now - day),  # still coming home
                                swipe(5, lost.uid, result="refused", at=now - day)]))  # someone with a lost card
    call_command("doors_feed", "--days", "7")
    rows = list(Observation.objects.filter(source__name=SOURCE).order_by("record_id").values_list("record_id",
                                                                                               "profile"))
    assert [r.split(":")[1] for r, _p in rows] == ["FEED01", "FEED01", "FEED02"]
    profile = Profile.objects.get(key=rows[0][1])
    assert profile.name == registration.name and profile.id_hash and profile.standard_address_id \
        == house.standard_address_id and profile.source.kind == "door" and profile.source.meaning == "home"
    call_command("doors_feed", "--days", "7")
    assert Observation.objects.filter(source__name=SOURCE).count() == 3
    assert "未变 unchanged 3" in capsys.readouterr().out
