"""Real-time watchlist checking: each event path raises one deduplicated alert for the right police, silently."""
import re

import pytest
from django.utils import timezone

from anju.lib.identity import check_digit
from anju.watchlist.models import Alert
from anju.watchlist.services import alert_close, alerts_export, watchlist_import

pytestmark = pytest.mark.django_db(transaction=True)


def number(birth="19850412", seq="135", region="342401"):
    body = f"{region}{birth}{seq}"
    return body + check_digit(body)


@pytest.fixture
def wanted(tmp_path):
    path = tmp_path / "watchlist.csv"
    path.write_text("watch_id,id_number,name,sex,birth_date,reason\n"
                    f"W-001,{number()},张伟,男,1985-04-12,网上追逃\n", encoding="utf-8")
    report = watchlist_import(path=path)
    assert report.created == 1
    return path


@pytest.fixture
def house(tree, officer_a):
    from conftest import make_house

    return make_house(tree, "A-0900", "文一西路900号1幢1单元101室", "A1C1G1")


def declare(resident, house, *, name, id_number, key="k"):
    from anju.registrations.services import declare as run

    return run(actor=resident, channel="resident", house=house, name=name, id_number=id_number,
               move_in=timezone.localdate(), phone="13512345678", idempotency_key=key)


def test_a_homophone_name_with_the_true_birth_date_is_caught(wanted, resident, house):
    declare(resident, house, name="章玮", id_number=number("19850412", "999", region="330106"))
    [alert] = Alert.objects.all()
    assert alert.entry.watch_id == "W-001" and alert.jurisdiction == house.jurisdiction
    assert "name:homophone" in alert.matched and "birth_date" in alert.matched and alert.source == "declaration.submitted"


def test_a_name_spelt_in_pinyin_with_its_syllables_run_together_is_caught(wanted, resident, house):
    """ZHANGWEI under another number born the same day, as Zhang Wei would be."""
    declare(resident, house, name="ZHANGWEI", id_number=number("19850412", "999", region="330106"))
    [alert] = Alert.objects.all()
    assert alert.entry.watch_id == "W-001" and alert.matched[:2] == ["name:homophone", "birth_date"]


def test_the_station_officer_sees_it_and_the_other_station_does_not(client, wanted, resident, house, officer_a, officer_b):
    declare(resident, house, name="张伟", id_number=number())
    client.force_login(officer_a)
    assert "张伟" in client.get("/staff/alerts/").content.decode()
    client.force_login(officer_b)
    assert "张伟" not in client.get("/staff/alerts/").content.decode()


def test_the_declarant_sees_nothing_different(client, wanted, resident, house, tree, make_user):
    """No tipping off: the wanted person's declaration page is byte-for-byte the page anyone gets."""
    other = make_user("13900000002", "resident", None, phone="13900000002", password=None)
    token = house.plates.get().token
    pages = []
    for user, name, id_number in ((resident, "张伟", number()), (other, "李四", number("19900101", "246", "330106"))):
        client.force_login(user)
        response = client.post(f"/p/{token}/declare/", {"name": name, "id_number": id_number, "phone": "13512345678",
                                                        "move_in": timezone.localdate().isoformat(), "token": name})
        page = client.get(response["Location"]).content.decode()
        main = page[page.index("<main>"):page.index("</main>")]
        main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", main)  # a new token on every page (撤回's form)
        pages.append(re.sub(r"\d+", "0", main.replace(name, "NAME")))
    assert Alert.objects.count() == 1
    assert pages[0] == pages[1]


def test_repeated_events_for_the_same_person_and_place_make_one_alert(wanted, resident, house, make_user):
    from anju.houses.services import landlord_verify, tenant_check_in
    from anju.houses.models import HouseLandlord
    from conftest import valid_id

    declare(resident, house, name="张伟", id_number=number(), key="a")
    landlord = make_user("13800138000", "landlord", None, phone="13800138000", password=None)
    landlord_verify(user=landlord, name="房东", id_number=valid_id(seq="015"))
    HouseLandlord.objects.create(house=house, landlord=landlord)
    tenant_check_in(actor=landlord, house=house, name="张伟", id_number=number(), move_in=timezone.localdate())
    [alert] = Alert.objects.all()
    assert alert.events >= 2


def test_no_alert_for_a_namesake_with_another_birth_date(wanted, resident, house):
    declare(resident, house, name="张伟", id_number=number("19850413", "135", region="330106"))
    assert Alert.objects.count() == 0


def test_expired_entries_no_longer_alert(tmp_path, resident, house):
    path = tmp_path / "w.csv"
    path.write_text(f"watch_id,id_number,name,valid_until\nW-9,{number()},张伟,2020-01-01\n", encoding="utf-8")
    watchlist_import(path=path)
    declare(resident, house, name="张伟", id_number=number())
    assert Alert.objects.count() == 0


def test_alerts_are_closed_with_an_outcome_and_exported(wanted, resident, house, officer_a, officer_b, tmp_path):
    from anju.watchlist.services import WatchlistError

    declare(resident, house, name="张伟", id_number=number())
    alert = Alert.objects.get()
    with pytest.raises(WatchlistError):
        alert_close(actor=officer_b, alert=alert, outcome="arrested")
    alert_close(actor=officer_a, alert=alert, outcome="arrested", note="已抓获")
    text = alerts_export(out_dir=tmp_path).read_text(encoding="utf-8").splitlines()
    assert text[0] == "alert_id,watch_id,raised_at,source,record_ids,id_number,name,address,confidence"
    assert text[1].split(",")[1] == "W-001" and number() in text[1]
    from anju.audit.models import AuditEntry

    # the file carries full ID numbers: each alert written is traceable to the export that wrote it
    assert AuditEntry.objects.filter(action="alert.export", subjects__object_id=str(alert.pk)).exists()


def test_the_watchlist_is_for_police_roles_only_and_every_view_is_audited(client, wanted, auxiliary_a, officer_a):
    from anju.audit.models import AuditEntry

    client.force_login(auxiliary_a)
    assert client.get("/staff/watchlist/").status_code == 403
    assert client.get("/staff/alerts/").status_code == 403
    client.force_login(officer_a)
    assert "张伟" in client.get("/staff/watchlist/").content.decode()
    assert AuditEntry.objects.filter(action="watchlist.list", actor=officer_a).exists()


def test_import_reports_bad_rows_and_twice_changes_nothing(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("watch_id,id_number,name,sex,birth_date,reason\n"
                    f"W-1,{number()},张伟,男,1985-04-12,x\n"
                    ",,无编号,,,\n"
                    "W-2,,只有名字,,,\n"
                    f"W-1,{number()},重复,,,\n", encoding="utf-8")
    report = watchlist_import(path=path)
    assert report.created == 1 and [line for _f, line, _r in report.errors] == [3, 4, 5]
    assert watchlist_import(path=path).unchanged == 1


def test_an_entry_listed_without_number_or_sex_alerts_on_name_and_birth_date_saying_the_sex_was_not_compared(
        client, tmp_path, resident, house, officer_a):
    """A wanted person listed by name and birth date only (`anju import watchlist`, no number, no sex) declares under
    any number: alerted, with less confidence than a sex compared would give; a namesake born another day is not."""
    path = tmp_path / "w.csv"
    path.write_text("watch_id,id_number,name,sex,birth_date,reason\nW-7,,王明,,1979-06-01,网上追逃\n", encoding="utf-8")
    watchlist_import(path=path)
    declare(resident, house, name="王明", id_number=number("19790602", "135", region="330106"), key="other-day")
    assert not Alert.objects.exists()
    declare(resident, house, name="王明", id_number=number("19790601", "246", region="330106"))
    [alert] = Alert.objects.all()
    assert alert.entry.watch_id == "W-7" and alert.matched == ["name:same", "birth_date", "sex:unknown"]
    assert alert.confidence == 0.7
    client.force_login(officer_a)
    page = client.get(f"/staff/alerts/{alert.pk}/").content.decode()
    assert "一方性别不详，未比对" in page
