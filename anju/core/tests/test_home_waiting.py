"""The staff home page shows what waits for the signed-in user in their jurisdiction (core.waiting): declarations to
verify, on-site checks open, findings open, watchlist alerts not yet closed (as the cockpit counts them) and live door
alarms, each a count linking to its list, each only for a role that reads that area, in a few COUNT queries whatever
the numbers."""
import datetime as dt
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_house, valid_id

COUNT = re.compile(r'<a class="figure" id="(waiting-[a-z]+)" href="([^"]*)"><div class="value">([\d,]+)</div>')


def waiting(client) -> dict[str, tuple[int, str]]:
    """The counts on the home page by their element id: (count, link)."""
    page = client.get("/").content.decode()
    return {key: (int(count.replace(",", "")), url.replace("&amp;", "&")) for key, url, count in COUNT.findall(page)}


def file(user, house, seq):
    from anju.registrations.services import declare

    return declare(actor=user, channel="resident", house=house, name=f"住户{seq}", id_number=valid_id(seq=seq),
                   move_in=timezone.localdate() - dt.timedelta(days=2), phone="13512345678",
                   idempotency_key=uuid.uuid4().hex)


@pytest.fixture
def house_a(tree, officer_a):
    return make_house(tree, "A-0901", "文一西路901号1幢1单元101室", "A1C1G1")


@pytest.fixture
def house_b(tree, officer_b):
    return make_house(tree, "B-0901", "古墩路901号1幢1单元101室", "B1C1G1")


def test_home_shows_two_pending_declarations_for_the_officer_of_that_community_and_none_for_another_stations_officer(
        client, resident, officer_a, officer_b, house_a):
    from anju.registrations.services import declaration_approve

    filed = [file(resident, house_a, seq) for seq in ("901", "902", "903")]
    declaration_approve(actor=officer_a, declaration=filed[0], note="ok")  # decided: no longer waiting
    client.force_login(officer_a)
    assert waiting(client)["waiting-declarations"] == (2, "/staff/declarations/")
    client.force_login(officer_b)
    assert waiting(client)["waiting-declarations"] == (0, "/staff/declarations/")


def test_home_shows_the_on_site_check_open_for_the_grid_worker_it_was_sent_to(client, make_user, resident, officer_a,
                                                                               officer_b, house_a):
    from anju.registrations.services import task_complete, task_create

    grid_worker = make_user("grid_a", "grid_worker", "A1C1G1")
    due = timezone.localdate() + dt.timedelta(days=3)
    task_create(actor=officer_a, declaration=file(resident, house_a, "911"), assignee=grid_worker, due_on=due)
    done = task_create(actor=officer_a, declaration=file(resident, house_a, "912"), assignee=grid_worker, due_on=due)
    task_complete(actor=grid_worker, task=done, result="confirmed", note="在住")
    client.force_login(grid_worker)
    assert waiting(client)["waiting-tasks"] == (1, "/staff/tasks/")
    client.force_login(officer_b)
    assert waiting(client)["waiting-tasks"] == (0, "/staff/tasks/")


def _findings_alerts_and_alarms(tree, admin, house_a, house_b):
    """In each station: an open finding, an alert not yet closed, a live door alarm; and in A one of each already dealt
    with."""
    from anju.doors.models import Alarm
    from anju.doors.services import device_register
    from anju.fusion.models import Finding
    from anju.lib.watchmatch import Hit
    from anju.lib.watchmatch import WatchEntry as IndexEntry
    from anju.watchlist.services import alert_close, alert_raise, watch_entry_save

    watch_entry_save(actor=admin, watch_id="W-H1", id_number=valid_id(seq="931"), name="张逃", reason="网上逃犯")
    for house, code in ((house_a, "A"), (house_b, "B")):
        for status in ("open", "confirmed") if code == "A" else ("open",):
            Finding.objects.create(kind="unregistered", subject=f"u:{code}:{status}", score=80, entity_hash=code,
                                   jurisdiction=house.jurisdiction, status=status, address=house.address)
        alert_raise(hit=Hit(IndexEntry(key="W-H1"), 0.9, ("id_number:exact",)), source="test",
                            node=house.jurisdiction, name="张逃", address=house.address)
        device = device_register(actor=admin, device_id=f"HOME-{code}", standard_address=house.standard_address)
        Alarm.objects.create(device=device, kind="forced", jurisdiction=house.jurisdiction, raised_at=timezone.now())
        if code == "A":
            seen = alert_raise(hit=Hit(IndexEntry(key="W-H1"), 0.9, ("id_number:exact",)), source="test",
                               node=tree["A1C1"], name="张逃", address="别处")
            alert_close(actor=admin, alert=seen, outcome="not_the_person")
            Alarm.objects.create(device=device, kind="offline", jurisdiction=house.jurisdiction,
                                 raised_at=timezone.now(), status="closed")


def test_home_shows_findings_alerts_and_door_alarms_each_to_the_roles_that_read_them_and_none_to_education(
        client, tree, make_user, admin_root, officer_a, auxiliary_a, house_a, house_b):
    _findings_alerts_and_alarms(tree, admin_root, house_a, house_b)
    client.force_login(officer_a)
    assert waiting(client) == {
        "waiting-declarations": (0, "/staff/declarations/"), "waiting-tasks": (0, "/staff/tasks/"),
        "waiting-alerts": (1, "/staff/alerts/?status=not_closed"), "waiting-findings": (1, "/staff/findings/"),
        "waiting-alarms": (1, "/staff/doors/alarms/")}
    client.force_login(auxiliary_a)  # reads findings and doors, not the watchlist
    assert set(waiting(client)) == {"waiting-declarations", "waiting-tasks", "waiting-findings", "waiting-alarms"}
    client.force_login(make_user("grid_a", "grid_worker", "A1C1G1"))  # neither findings nor the watchlist
    assert set(waiting(client)) == {"waiting-declarations", "waiting-tasks", "waiting-alarms"}
    client.force_login(admin_root)
    assert waiting(client)["waiting-findings"][0] == 2 and waiting(client)["waiting-alarms"][0] == 2
    client.force_login(make_user("edu", "department", "330106", purpose="义务教育入学资格审核", department="education"))
    page = client.get("/").content.decode()
    assert "waiting-" not in page and "等你处理" not in page


def test_the_home_page_and_the_cockpit_count_the_same_alerts_those_not_yet_closed(client, admin_root, officer_a,
                                                                                 house_a, house_b):
    from anju.lib.watchmatch import Hit
    from anju.lib.watchmatch import WatchEntry as IndexEntry
    from anju.watchlist.services import alert_acknowledge, alert_assign, alert_close, alert_raise, watch_entry_save

    watch_entry_save(actor=admin_root, watch_id="W-H2", id_number=valid_id(seq="961"), name="王逃", reason="网上逃犯")

    def alert(name, house=house_a):
        return alert_raise(hit=Hit(IndexEntry(key="W-H2"), 0.9, ("id_number:exact",)), source="test",
                           node=house.jurisdiction, name=name, address=f"{house.address}（{name}）")

    alert("赵一")
    alert_acknowledge(actor=officer_a, alert=alert("钱二"))
    alert_assign(actor=officer_a, alert=alert("孙三"), assignee=officer_a)
    alert_close(actor=officer_a, alert=alert("李四"), outcome="not_found")
    alert("周五", house_b)
    client.force_login(officer_a)
    home = client.get("/").content.decode()
    assert waiting(client)["waiting-alerts"] == (3, "/staff/alerts/?status=not_closed")
    assert client.get("/cockpit/live").json()["figures"]["open_alerts"] == 3
    listed = client.get("/staff/alerts/?status=not_closed").content.decode()
    assert all(name in listed for name in ("赵一", "钱二", "孙三")) and "李四" not in listed
    assert "周五" not in listed
    cockpit = client.get("/cockpit/").content.decode()
    assert "未处置的比中预警" in home and "未处置的比中预警" in cockpit and "未处置" in listed


def test_the_home_pages_queries_do_not_grow_with_what_waits(client, resident, officer_a, house_a):
    client.force_login(officer_a)
    file(resident, house_a, "941")
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        assert waiting(client)["waiting-declarations"][0] == 1
    for seq in ("942", "943", "944", "945"):
        file(resident, house_a, seq)
    with CaptureQueriesContext(connection) as five:
        assert waiting(client)["waiting-declarations"][0] == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_home_says_what_waits_in_the_readers_language(client, resident, officer_a, house_a):
    file(resident, house_a, "951")
    client.force_login(officer_a)
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "等你处理" in chinese and "待核录的申报" in chinese and "Waiting for you" not in chinese
    assert "Waiting for you" in english and "Declarations waiting for verification" in english and "待核录" not in english
