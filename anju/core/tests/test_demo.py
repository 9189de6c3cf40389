"""The demo district is coherent, and a demo officer sees their station and nothing else."""
from django.core.management import call_command

from anju.accounts.models import User
from anju.audit.services import audit_verify
from anju.jurisdictions.models import Node
from anju.people.models import Person
from anju.people.selectors import person_queryset


def test_demo_loads_once_and_scopes_each_officer(db, capsys):
    call_command("demo_load")
    call_command("demo_load")  # a second run changes nothing
    assert "already" in capsys.readouterr().out
    assert Node.objects.filter(level="station").count() == 2 and Node.objects.filter(level="grid").count() == 20
    total = Person.objects.count()
    wx, gd = User.objects.get(username="officer_wx"), User.objects.get(username="officer_gd")
    seen_wx, seen_gd = person_queryset(user=wx), person_queryset(user=gd)
    # everyone is their station's, but for the people of registrations whose address the import could not place: on
    # the register (their registration is in force) at the district, where the registration is kept
    unplaced = Person.objects.filter(jurisdiction__level="district").count()
    assert 0 < seen_wx.count() < total and seen_wx.count() + seen_gd.count() + unplaced == total
    assert all(p.jurisdiction.path.startswith(wx.jurisdiction.path) for p in seen_wx)
    assert audit_verify().ok


def test_the_demo_has_fusion_findings_door_traffic_and_the_cockpit_shows_both(db):
    from anju.cockpit.selectors import cockpit_data
    from anju.fusion.models import Finding

    call_command("demo_load")
    assert Finding.objects.filter(kind="unregistered").exists()
    figures = cockpit_data(user=User.objects.get(username="commander"))["figures"]
    assert 0 < figures["registration_rate"] < 1 and 0 < figures["accuracy"] <= 1
    # door access: devices online, cards, a month of swipes through the device protocol, a forced door
    from anju.doors.models import Credential
    from anju.doors.selectors import months_present

    assert figures["devices_online"] >= 3 and figures["door_alarms"] >= 1
    card = Credential.objects.filter(status="active").order_by("pk").first()
    assert sum(days for _month, days in months_present(registration=card.registration, months=2)) >= 15
