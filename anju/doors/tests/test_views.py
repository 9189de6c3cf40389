"""Staff pages and the landlord's card page: scoped like the rest, bounded queries on lists."""
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anju.doors.choices import CredentialStatus
from anju.doors.models import Alarm, Credential, SuspensionRequest
from anju.doors.tests.conftest import swipe


def test_device_list_is_scoped_and_its_queries_do_not_grow_with_devices(client, officer_a, officer_b, device, entrance):
    from anju.doors.services import device_register

    client.force_login(officer_a)
    with CaptureQueriesContext(connection) as few:
        body = client.get("/staff/doors/").content.decode()
    assert "D-A-0001" in body and "D-A-GATE" in body
    for i in range(5):
        device_register(actor=officer_a, device_id=f"D-X-{i}", standard_address=entrance.standard_address)
    with CaptureQueriesContext(connection) as many:
        client.get("/staff/doors/")
    assert len(many) == len(few)
    client.force_login(officer_b)
    assert "D-A-0001" not in client.get("/staff/doors/").content.decode()
    assert client.get(f"/staff/doors/devices/{device.pk}/").status_code == 404


def test_alarm_is_closed_from_the_alarm_page_with_a_note(client, officer_a, device, send):
    send(send.envelope(device, [swipe(1, kind="forced", door="open")]))
    alarm = Alarm.objects.get()
    client.force_login(officer_a)
    assert "门被强行打开" in client.get("/staff/doors/alarms/").content.decode()
    client.post(f"/staff/doors/alarms/{alarm.pk}/close/", {"note": "已到场处置"})
    alarm.refresh_from_db()
    assert alarm.status == "closed" and alarm.note == "已到场处置"


def test_card_issued_on_the_house_page_and_refused_without_registration(client, officer_a, house, registration):
    client.force_login(officer_a)
    client.post(f"/houses/{house.pk}/cards/issue/", {"registration": registration.pk, "uid": "0A1B", "kind": "card"})
    assert Credential.objects.get().uid == "0A1B"
    page = client.get(f"/staff/houses/{house.pk}/cards/").content.decode()
    assert "0A1B" in page and registration.name in page
    response = client.post(f"/houses/{house.pk}/cards/issue/", {"registration": "999999", "uid": "0A1C"}, follow=True)
    assert "先登记" in response.content.decode() and Credential.objects.count() == 1


def test_landlord_asks_for_suspension_and_police_decide_on_the_page(client, officer_a, landlord, house, registration):
    from anju.doors.services import credential_issue

    card = credential_issue(actor=officer_a, house=house, registration=registration, uid="0C")
    client.force_login(landlord)
    assert "0C" in client.get(f"/landlord/houses/{house.pk}/cards/").content.decode()
    client.post(f"/houses/{house.pk}/cards/{card.pk}/suspend/", {"reason": "拖欠房租"})
    request = SuspensionRequest.objects.get()
    client.force_login(officer_a)
    assert "拖欠房租" in client.get(f"/staff/houses/{house.pk}/cards/").content.decode()
    client.post(f"/staff/houses/{house.pk}/cards/requests/{request.pk}/", {"approve": "1", "note": "核实"})
    card.refresh_from_db()
    assert card.status == CredentialStatus.SUSPENDED


def test_admin_lists_only_the_admins_own_jurisdiction(client, admin_a, make_user, device):
    client.force_login(admin_a)
    assert "D-A-0001" in client.get("/admin/doors/device/").content.decode()
    admin_b = make_user("admin_b", "admin", "B1")
    client.force_login(admin_b)
    assert "D-A-0001" not in client.get("/admin/doors/device/").content.decode()
