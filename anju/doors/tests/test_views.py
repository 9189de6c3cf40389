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


def test_a_new_device_key_is_shown_once_and_the_old_one_stops_working(client, officer_a, officer_b, device, send):
    from django.core.management import call_command

    from anju.doors import ingest as ingest_module
    from anju.doors.models import DeadLetter, Device

    old_key = bytes.fromhex(device_secret_hex(device))
    ingest_module._directory.get_many({device.device_id})  # the running worker knows the device by its old key
    ingest_module._directory._loaded[device.device_id] -= 5  # read five seconds ago
    client.force_login(officer_b)  # another station's officer
    assert client.post(f"/staff/doors/devices/{device.pk}/key/").status_code == 404
    client.force_login(officer_a)
    assert 'id="new-key"' in client.get(f"/staff/doors/devices/{device.pk}/").content.decode()
    page = client.post(f"/staff/doors/devices/{device.pk}/key/")
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    key = page.content.decode().split('id="device-key">')[1].split("<")[0]
    device.refresh_from_db()
    assert device.secret_version == 2 and len(bytes.fromhex(key)) == 32 and bytes.fromhex(key) != old_key
    # the worker still holds the old key: a message signed with the new one is taken at once all the same, and from
    # then on the old key is refused
    assert send(send.envelope(device, [swipe(1)], secret=bytes.fromhex(key))).inserted == 1
    assert send(send.envelope(device, [swipe(2)], secret=old_key)).inserted == 0
    assert DeadLetter.objects.get().reason == "unauthenticated"
    # the command line does the same for an installer at the server
    import io

    out = io.StringIO()
    call_command("devices_key", device.device_id, stdout=out, stderr=io.StringIO())
    assert Device.objects.get(pk=device.pk).secret_version == 3 and len(bytes.fromhex(out.getvalue().strip())) == 32


def device_secret_hex(device):
    from anju.doors.services import device_secret

    return device_secret(device.device_id, device.secret_version).hex()


def test_the_card_list_in_the_admin_is_audited_as_a_read_of_the_holders(client, admin_a, house, officer_a,
                                                                        registration):
    from anju.audit.models import AuditEntry
    from anju.doors.services import credential_issue

    credential_issue(actor=officer_a, house=house, registration=registration, uid="AE9")
    client.force_login(admin_a)
    assert "AE9" in client.get("/admin/doors/credential/").content.decode()
    assert AuditEntry.objects.filter(action="door.credential.list", actor=admin_a,
                                     subjects__object_id=str(registration.pk)).exists()



def test_the_alarm_buttons_are_shown_only_to_roles_that_handle_alarms(client, rf, tree, make_user, device, send):
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    from anju.accounts.models import User

    send(send.envelope(device, [swipe(1, kind="forced", door="open")]))
    alarm = Alarm.objects.get()
    client.force_login(make_user("cmd", "commander", "330106"))
    assert f"/staff/doors/alarms/{alarm.pk}/close/" in client.get("/staff/doors/alarms/").content.decode()
    # The page as a role that handles no alarm would see it (a department user, made directly: whether it opens the
    # page at all is the accounts app's to say): the alarm, and no button that would end in a no-access page.
    request = rf.get("/staff/doors/alarms/")
    request.user = User.objects.create(username="edu", role="department", jurisdiction=tree["330106"], purpose="入学审核")
    body = render_to_string("doors/alarm_list.html", {"page": Paginator(Alarm.objects.all(), 50).get_page(1),
                                                      "live": True}, request=request)
    assert "门被强行打开" in body and f"/staff/doors/alarms/{alarm.pk}/" not in body


def test_reading_roles_see_the_cards_and_requests_but_no_card_or_decision_buttons(client, officer_a, auxiliary_a,
                                                                                   make_user, landlord, house,
                                                                                   registration):
    from anju.doors.services import credential_issue, suspension_request

    card = credential_issue(actor=officer_a, house=house, registration=registration, uid="0D")
    request = suspension_request(actor=landlord, credential=card, reason="拖欠房租")
    actions = (f"/houses/{house.pk}/cards/issue/", f"/houses/{house.pk}/cards/{card.pk}/cancel/",
               f"/staff/houses/{house.pk}/cards/requests/{request.pk}/")
    for reader in (make_user("cmd", "commander", "330106"), make_user("grid", "grid_worker", "A1C1G1")):
        client.force_login(reader)
        body = client.get(f"/staff/houses/{house.pk}/cards/").content.decode()
        assert "0D" in body and "拖欠房租" in body, reader.role
        assert not any(action in body for action in actions), reader.role
    for actor in (officer_a, auxiliary_a):
        client.force_login(actor)
        body = client.get(f"/staff/houses/{house.pk}/cards/").content.decode()
        assert all(action in body for action in actions), actor.role
    client.force_login(landlord)
    body = client.get(f"/landlord/houses/{house.pk}/cards/").content.decode()
    assert f"/houses/{house.pk}/cards/issue/" in body and f"/houses/{house.pk}/cards/{card.pk}/cancel/" in body


def test_the_device_key_button_is_shown_only_to_roles_the_key_page_accepts(client, officer_a, auxiliary_a, make_user,
                                                                         device):
    for user, shown in ((officer_a, True), (auxiliary_a, False), (make_user("cmd", "commander", "330106"), False)):
        client.force_login(user)
        assert ('id="new-key"' in client.get(f"/staff/doors/devices/{device.pk}/").content.decode()) == shown
        assert (client.post(f"/staff/doors/devices/{device.pk}/key/").status_code == 200) == shown, user.role


def test_the_landlord_card_page_refuses_a_department_user_and_opens_for_the_police_and_the_landlord(
        client, make_user, officer_a, landlord, house, registration):
    from anju.doors.services import credential_issue

    credential_issue(actor=officer_a, house=house, registration=registration, uid="0E")
    education = make_user("edu", "department", "330106", purpose="义务教育入学资格审核", department="education")
    client.force_login(education)
    for url in (f"/staff/houses/{house.pk}/cards/", f"/landlord/houses/{house.pk}/cards/"):
        response = client.get(url)
        assert response.status_code == 403 and "无权访问" in response.content.decode(), url
        assert registration.name not in response.content.decode(), url
    for reader in (officer_a, landlord):
        client.force_login(reader)
        response = client.get(f"/landlord/houses/{house.pk}/cards/")
        assert response.status_code == 200 and registration.name in response.content.decode(), reader.role
