"""The cockpit's figures equal what direct queries on the same data give, for every level of the tree."""
import io
from collections import Counter

import pypdfium2
import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from anju.accounts.models import User
from anju.cockpit.aggregates import refresh
from anju.cockpit.selectors import cockpit_data
from anju.jurisdictions.models import Node
from anju.registrations.models import Declaration, Registration
from anju.watchlist.models import Alert


@pytest.fixture(scope="module")
def demo_district(django_db_setup, django_db_blocker):
    """The demo district, loaded once for this module inside a transaction that is rolled back afterwards."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo_load")
        refresh()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_district, db):
    return User.objects.get(username="commander")


def direct(node):
    from anju.people.models import Person

    active = Registration.objects.filter(status="active", jurisdiction__path__startswith=node.path)
    # each registered person's education: the register's where it knows it, else what the declaration stated
    register = dict(Person.objects.exclude(education="").values_list("id_hash", "education"))
    education = Counter()
    for id_hash, declared in active.values_list("id_hash", "declaration__education"):
        code = register.get(id_hash) or declared or ""
        education[code[:1] + "0" if code else ""] += 1
    return {
        "registered": active.count(),
        "sex_2": active.filter(sex="2").count(),
        "education": education,
        "pending": Declaration.objects.filter(status="pending", jurisdiction__path__startswith=node.path).count(),
        "alerts": Alert.objects.filter(jurisdiction__path__startswith=node.path).exclude(status="closed").count(),
    }


@pytest.mark.parametrize("level", ["district", "station", "community", "grid"])
def test_figures_equal_direct_queries(demo, level):
    for node in Node.objects.filter(level=level)[:3]:
        data = cockpit_data(user=demo, code=node.code)
        expected = direct(node)
        assert data["figures"]["registered"] == expected["registered"]
        assert next(s["value"] for s in data["composition"]["sex"] if s["name"] == "女") == expected["sex_2"]
        assert data["figures"]["pending_declarations"] == expected["pending"]
        assert data["figures"]["open_alerts"] == expected["alerts"]
        assert sum(a["value"] for a in data["composition"]["age"]) == expected["registered"]
        # everyone registered is in the education chart, counted by the register's education where it knows it,
        # else the declaration's; those with neither as 未填报
        chart = data["composition"]["education"]
        assert sum(e["value"] for e in chart) == expected["registered"]
        assert [e["value"] for e in chart] == [expected["education"][k] for k in EDUCATION_BARS]
        assert chart[-1]["name"] == "未填报"


# the education chart's bars in order: the first digit of the GB/T 4658 code, then not stated
EDUCATION_BARS = ["10", "20", "30", "40", "60", "70", "80", "90", ""]


def test_the_education_chart_counts_the_registers_education_where_the_declaration_stated_none(demo):
    """The demo's registrations are imported and state no education: 1 of 315 registered people had one in the chart
    (the rest 未填报). The register (people.Person) knows it for the people it holds, so the chart shows them."""
    from anju.people.models import Person

    chart = {e["name"]: e["value"] for e in cockpit_data(user=demo)["composition"]["education"]}
    registered = sum(chart.values())
    assert chart["未填报"] < registered / 4, chart
    assert chart["初中"] > 0 and chart["大学本科"] > 0 and chart["小学"] > 0
    # a person the register knows, registered by an import that stated nothing: counted under the register's
    known = Person.objects.exclude(education__startswith="1").values("id_hash")
    imported = Registration.objects.filter(status="active", declaration__isnull=True, id_hash__in=known).first()
    assert Person.objects.filter(id_hash=imported.id_hash).update(education="14") == 1
    refresh()
    after = {e["name"]: e["value"] for e in cockpit_data(user=demo)["composition"]["education"]}
    assert after["研究生"] > chart["研究生"] and sum(after.values()) == registered


def test_the_ranking_adds_up_and_drills_down(demo):
    district = cockpit_data(user=demo)
    assert district["node"]["code"] == "330106" and district["figures"]["registered"] > 0
    assert sum(r["value"] for r in district["ranking"]) == district["figures"]["registered"]
    top = district["ranking"][0]
    station = cockpit_data(user=demo, code=top["code"])
    assert station["figures"]["registered"] == top["value"] and station["parent"]["code"] == "330106"
    assert len(district["map"]["features"]) == 2


def test_today_is_counted_live_before_the_next_refresh(demo):
    from anju.registrations.services import declaration_approve

    before = cockpit_data(user=demo)["periods"]["today"]["new"]
    pending = Declaration.objects.filter(status="pending", flags=[]).first()
    declaration_approve(actor=User.objects.get(username="admin"), declaration=pending)
    Registration.objects.filter(declaration=pending).update(starts_on=timezone.localdate())
    assert cockpit_data(user=demo)["periods"]["today"]["new"] == before + 1


def test_a_station_commander_cannot_look_at_the_other_station(demo, client):
    from anju.accounts.services import user_create

    station = Node.objects.get(code="330106510100")
    boss = user_create(username="boss", role="commander", jurisdiction=station, password="pass-word-123")
    client.force_login(boss)
    assert client.get("/cockpit/data", {"node": "330106510200"}).status_code == 404
    assert client.get("/cockpit/data").json()["node"]["code"] == "330106510100"


def test_exports_for_departments_suppress_small_cells(demo, client):
    client.force_login(User.objects.get(username="edu_dept"))
    sheet = load_workbook(io.BytesIO(client.get("/cockpit/export.xlsx", {"table": "age"}).content)).active
    values = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert all(not isinstance(v, int) or v == 0 or v >= 5 for v in values)
    client.force_login(demo)
    assert client.get("/cockpit/export.xlsx", {"table": "ranking"}).status_code == 200


def test_exports_say_when_the_figures_are_from_as_people_write_it(demo, client):
    """Local time to the minute (2026-11-24 21:33), as the PDF says it, not ISO 8601 with microseconds and zone."""
    import re

    client.force_login(demo)
    as_of = cockpit_data(user=demo)["as_of"]
    for language, words in (("zh-hans", "统计时间"), ("en", "Figures as of")):
        sheet = load_workbook(io.BytesIO(client.get("/cockpit/export.xlsx", {"table": "sex"},
                                                    HTTP_ACCEPT_LANGUAGE=language).content)).active
        line = sheet["A2"].value
        assert re.fullmatch(rf"{words} \d{{4}}-\d\d-\d\d \d\d:\d\d", line), line
        assert line.endswith(as_of[11:16]) and as_of[:10] in line
        assert re.search(rf"{words} \d{{4}}-\d\d-\d\d \d\d:\d\d ", _report_text(client, language))


def test_the_one_page_report_is_a_real_pdf(demo, client):
    client.force_login(demo)
    pdf = pypdfium2.PdfDocument(io.BytesIO(client.get("/cockpit/report.pdf").content))
    assert len(pdf) == 1 and "西湖区" in pdf[0].get_textpage().get_text_bounded()


def _report_text(client, language: str) -> str:
    pdf = pypdfium2.PdfDocument(io.BytesIO(client.get("/cockpit/report.pdf", HTTP_ACCEPT_LANGUAGE=language).content))
    assert len(pdf) == 1
    return " ".join(pdf[0].get_textpage().get_text_bounded().split())


def test_the_report_carries_the_pages_figures_in_the_users_language(demo, client):
    """The figures a meeting asks about (registration rate, accuracy, every breakdown the page charts, sex
    included) are on the page, labelled in the reader's language, with how the two rates are estimated."""
    from django.utils import translation

    client.force_login(demo)
    for language, words in (("zh-hans", {"rate": "登记率", "accuracy": "准确率", "sex": "性别", "male": "男",
                                         "female": "女", "as_of": "统计时间", "method": "登记率 = 最近一次数据融合中"}),
                            ("en", {"rate": "Registration rate", "accuracy": "Accuracy", "sex": "Sex", "male": "Male",
                                    "female": "Female", "as_of": "Figures as of",
                                    "method": "Registration rate = among the people"})):
        with translation.override(language):
            data = cockpit_data(user=demo)
        f, sex = data["figures"], {s["name"]: s["value"] for s in data["composition"]["sex"]}
        assert f["registration_rate"] is not None and f["accuracy"] is not None  # the demo's fusion run
        text = _report_text(client, language)
        assert f"{f['registration_rate'] * 100:.1f}% {words['rate']}" in text
        # the accuracy from the share confirmed to the share not contradicted, and the whole of how it is estimated
        assert f"{f['confirmed'] * 100:.1f}%–{f['accuracy'] * 100:.1f}% {words['accuracy']}" in text
        assert "".join(f["rate_method"].split()) in "".join(text.split())
        assert f"{words['sex']} {words['sex']} " in text  # the table's title and its header
        assert f"{words['male']} {sex[words['male']]}" in text and f"{words['female']} {sex[words['female']]}" in text
        assert words["as_of"] in text and words["method"] in text
        for row in data["composition"]["education"] + data["composition"]["age"]:
            assert f"{row['name']} {row['value']}" in text
    assert "登记" not in text and "性别" not in text  # the English report has no Chinese label left


def test_a_commander_lands_on_the_cockpit(demo, client):
    client.force_login(demo)
    assert client.get("/")["Location"] == "/cockpit/"


def test_registration_rate_and_accuracy_are_the_fusion_estimates_for_the_subtree(demo):
    from anju.fusion.models import Residence
    from anju.fusion.selectors import fusion_coverage

    grids = list(Node.objects.filter(level="grid").order_by("code")[:6])
    rows = []
    for i, grid in enumerate(grids):
        for j in range(10):
            rows.append(Residence(kind=Residence.PERSON, node=grid, path=grid.path, matched=j < 5 + i % 3))
            rows.append(Residence(kind=Residence.REGISTRATION, node=grid, path=grid.path, matched=j < 6 - i % 4,
                                  contradicted=j >= 8 + i % 2))
    Residence.objects.bulk_create(rows)
    refresh()
    for node in [Node.objects.get(code="330106"), grids[0].parent, grids[-1]]:
        figures = cockpit_data(user=demo, code=node.code)["figures"]
        expected = fusion_coverage(node=node)
        for key in ("registration_rate", "accuracy", "confirmed"):
            assert figures[key] == round(expected[key], 4), key
        assert 0 < figures["confirmed"] < figures["accuracy"] < 1 and "登记率" in figures["rate_method"]


def test_a_quiet_registration_is_not_counted_as_inaccurate(demo):
    """A grid of ten registrations: four whose person left recent traces, five whose person left none lately and
    was found neither elsewhere nor stale, one found stale. Accuracy is 90 % (not contradicted), of which 40 % is
    confirmed; before, it was 40 %: every quiet registration counted as wrong, which the stale rule never says."""
    from anju.fusion.models import Residence

    Residence.objects.all().delete()
    grid = Node.objects.filter(level="grid").order_by("code").first()
    Residence.objects.bulk_create(
        [Residence(kind=Residence.REGISTRATION, node=grid, path=grid.path, matched=j < 4, contradicted=j == 9)
         for j in range(10)])
    refresh()
    figures = cockpit_data(user=demo, code=grid.code)["figures"]
    assert (figures["accuracy"], figures["confirmed"], figures["fusion_registrations"]) == (0.9, 0.4, 10)
    assert figures["registration_rate"] is None  # no resident seen at home there


def test_live_figures_show_a_new_alert_and_door_alarm_at_once_without_a_refresh(demo, client):
    from anju.addresses.models import StandardAddress
    from anju.doors.models import Alarm, Device
    from anju.doors.services import device_register
    from anju.lib.watchmatch import Hit
    from anju.lib.watchmatch import WatchEntry as IndexEntry
    from anju.watchlist.models import WatchEntry
    from anju.watchlist.services import alert_raise

    grid = Node.objects.filter(level="grid").order_by("code").first()
    admin = User.objects.get(username="admin")
    addresses = list(StandardAddress.objects.filter(jurisdiction=grid).order_by("code")[:2])
    devices = [device_register(actor=admin, device_id=f"COCKPIT-{i}", standard_address=a)
               for i, a in enumerate(addresses)]
    Device.objects.filter(pk=devices[0].pk).update(status="online")
    client.force_login(demo)
    before = client.get(f"/cockpit/live?node={grid.code}").json()["figures"]
    in_grid = Device.objects.filter(jurisdiction__path__startswith=grid.path)
    assert before["devices_online"] == in_grid.filter(status="online").count() >= 1
    assert before["devices_online"] + before["devices_offline"] + before["devices_unknown"] == in_grid.count()

    entry = WatchEntry.objects.first()
    alert_raise(hit=Hit(IndexEntry(key=entry.watch_id), 0.9, ("id_number:exact",)), source="test", node=grid,
                name=entry.name, address="别处 somewhere new")
    Alarm.objects.create(device=devices[1], kind="forced", jurisdiction=grid, raised_at=timezone.now())
    after = client.get(f"/cockpit/live?node={grid.code}").json()["figures"]
    assert after["open_alerts"] == before["open_alerts"] + 1 and after["door_alarms"] == before["door_alarms"] + 1
    district = client.get("/cockpit/live").json()["figures"]
    assert district["open_alerts"] == Alert.objects.exclude(status="closed").count()
    assert cockpit_data(user=demo, code=grid.code)["figures"]["door_alarms"] == after["door_alarms"]


@pytest.mark.parametrize("username", ["aux_wh", "grid_wh1", "edu_dept", "housing_dept"])
def test_only_readers_of_the_watchlist_learn_of_its_alerts_from_the_cockpit_page_its_data_and_report(
        demo, client, username):
    """That wanted persons were seen in the area is the watchlist's: a role that does not read it (auxiliaries, grid
    workers, departments) gets no alert figure in the page, the data, the live poll or the PDF, in either
    language; the commander gets the count of alerts not yet closed."""
    from anju.lib.watchmatch import Hit
    from anju.lib.watchmatch import WatchEntry as IndexEntry
    from anju.watchlist.models import WatchEntry
    from anju.watchlist.selectors import alerts_not_closed
    from anju.watchlist.services import alert_raise

    reader = User.objects.get(username=username)
    node = reader.jurisdiction
    entry = WatchEntry.objects.first()
    alert_raise(hit=Hit(IndexEntry(key=entry.watch_id), 0.9, ("id_number:exact",)), source="test",
                node=Node.objects.filter(path__startswith=node.path, level="grid").first(), name=entry.name,
                address="别处 somewhere new")
    client.force_login(reader)
    for language in ("zh-hans", "en"):
        for url in ("/cockpit/data", "/cockpit/live"):
            figures = client.get(url, HTTP_ACCEPT_LANGUAGE=language).json()["figures"]
            assert "door_alarms" in figures and not {"open_alerts", "newest_alert"} & set(figures), url
        page = client.get("/cockpit/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert 'id="open-alerts"' not in page and 'id="newest-alert"' not in page
        assert not [w for w in ("预警", "Alerts not yet closed", "alerts and door alarms") if w in page]
        assert ("门禁告警每 3 秒" if language == "zh-hans" else "door alarms every 3 s") in page
        report = _report_text(client, language)
        assert "预警" not in report and "Alerts not yet closed" not in report
    client.force_login(demo)
    figures = client.get("/cockpit/data", {"node": node.code}).json()["figures"]
    assert figures["open_alerts"] == alerts_not_closed(user=demo, node=node).count() >= 1
    assert client.get("/cockpit/live", {"node": node.code}).json()["figures"]["open_alerts"] == figures["open_alerts"]
    assert 'id="open-alerts"' in client.get("/cockpit/").content.decode()
    assert "未处置的比中预警" in _report_text(client, "zh-hans")
