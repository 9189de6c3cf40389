"""An officer on patrol opens the staff lists on a phone (375 px): each stacks as cards, one per row, nothing to scroll
sideways, the fields an officer reads first (name, masked ID number, address, a device, a button) on the screen and
each value under its column's name. On a desk they are still tables with their header row."""
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_house, valid_id
from tests.browser.conftest import phone, screenshot
from tests.browser.test_phone_tables import OVERFLOW, shown_label, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDRESS = "浙江省杭州市西湖区文新街道文一西路700号1幢1单元101室"
NEXT_DOOR = "浙江省杭州市西湖区文新街道文一西路700号1幢1单元102室"
PAGE_WIDTH = "() => document.documentElement.scrollWidth"
# Everything that reaches past the sides of the card holding it (a .card, or a table's row stacked as one), with the
# card: inside the screen is not enough, a field running over its card's border is cut off to the eye
PAST_CARD = """() => [...document.querySelectorAll("main .card, main table.stack tr")].flatMap(card => {
  const edge = card.getBoundingClientRect();
  return [...card.querySelectorAll("*")].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width && (r.right > edge.right + 1 || r.left < edge.left - 1);
  }).map(e => (card.id || card.tagName) + ": " + e.tagName + (e.id ? "#" + e.id : ""));
})"""


@pytest.fixture
def listed(tree, officer_a, make_user):
    """One row of each list, at a full standard address of station A: a person, a declaration waiting for
    verification, a house claimed by its landlord, a registration enrolled for the care check with a visit due, an
    occupant past the deadline (in the house's room; a tenant who moved out is in its history), a watchlist entry and
    its alert, a key person, a door device and its alarm; and next door a landlord who has not declared their tenant in
    time (checked in two months ago, the declaration returned), and who has asked the police to suspend the door card
    of a resident registered there."""
    from anju.addresses.services import address_upsert
    from anju.doors.models import Alarm
    from anju.doors.services import care_enrol, care_sweep, credential_issue, device_register, suspension_request
    from anju.houses.services import (house_claim, house_register, landlord_verify, room_add, tenant_check_in,
                                      tenant_check_out)
    from anju.lib.watchmatch import Hit
    from anju.lib.watchmatch import WatchEntry as IndexEntry
    from anju.people.services import person_create
    from anju.registrations.services import declaration_approve, declaration_reject, declare
    from anju.watchlist.models import KeyPerson
    from anju.watchlist.services import alert_raise, watch_entry_save

    grid, now = tree["A1C1G1"], timezone.now()
    house = make_house(tree, "A-0700", ADDRESS, "A1C1G1")
    person = person_create(actor=None, name="欧阳雨涵", id_number=valid_id(seq="701"), jurisdiction=grid, house=house,
                           address=house.address)

    def declared(name, seq, move_in=timezone.localdate()):
        return declare(actor=officer_a, channel="police", house=house, name=name, id_number=valid_id(seq=seq),
                       move_in=move_in, phone="13512345678", idempotency_key=uuid.uuid4().hex)

    declaration = declared("宋子璐", "702")
    registration = declaration_approve(actor=officer_a, declaration=declared("司马光明", "703"), note="ok")
    care_enrol(actor=officer_a, registration=registration, consent_note="本人口头同意，子女在外地", days=2)
    care_sweep(now=now + timedelta(days=3))
    room = room_add(actor=officer_a, house=house, number="101A", capacity=2)
    tenancy = tenant_check_in(actor=officer_a, house=house, name="上官婉儿", id_number=valid_id(seq="704"), room=room,
                              move_in=timezone.localdate() - timedelta(days=60), phone="13512345679")
    past = tenant_check_in(actor=officer_a, house=house, name="诸葛明月", id_number=valid_id(seq="707"),
                           move_in=timezone.localdate() - timedelta(days=90), phone="13512345671")
    tenant_check_out(actor=officer_a, tenancy=past, move_out=timezone.localdate() - timedelta(days=30))
    landlord = make_user("13800138000", "landlord", None, phone="13800138000", password=None, full_name="房东甲")
    landlord_verify(user=landlord, name="房东甲", id_number=valid_id(birth="19700101", seq="015"))
    house_claim(actor=landlord, house=house, kind="group", capacity=4, floor_area=60)
    late_landlord = make_user("13800138001", "landlord", None, phone="13800138001", password=None, full_name="房东乙")
    landlord_verify(user=late_landlord, name="房东乙", id_number=valid_id(birth="19700101", seq="017"))
    next_door = house_register(actor=officer_a, landlord=late_landlord, standard_address=address_upsert(
        code="A-0701", full_address=NEXT_DOOR, jurisdiction=grid))
    undeclared = tenant_check_in(actor=late_landlord, house=next_door, name="慕容复", id_number=valid_id(seq="706"),
                                 move_in=timezone.localdate() - timedelta(days=60), phone="13512345670")
    declaration_reject(actor=officer_a, declaration=undeclared.declarations.get(), reason="缺少租赁合同")
    neighbour = declaration_approve(actor=officer_a, note="ok", declaration=declare(
        actor=officer_a, channel="police", house=next_door, name="端木蓉", id_number=valid_id(seq="708"),
        move_in=timezone.localdate(), phone="13512345672", idempotency_key=uuid.uuid4().hex))
    card = credential_issue(actor=officer_a, house=next_door, registration=neighbour, uid="04A1B2C3")
    suspension_request(actor=late_landlord, credential=card, reason="拖欠房租三个月，多次催缴未果")
    entry = watch_entry_save(actor=officer_a, watch_id="ZT-2026-0001", id_number=valid_id(seq="705"), name="沈建国",
                             reason="网上在逃人员，涉嫌诈骗")
    alert_raise(hit=Hit(IndexEntry(key=entry.watch_id), 0.9, ("id_number:exact",)), source="test", node=grid,
                name=entry.name, address=ADDRESS)
    key_person = KeyPerson.objects.create(id_hash="h", id_masked=entry.id_masked, name="钱某某", jurisdiction=grid,
                                          score=60, proposed_level="review", scored_at=now)
    device = device_register(actor=officer_a, device_id="D-A-0001", standard_address=None, house=house,
                             name="101室门")
    Alarm.objects.create(device=device, kind="forced", jurisdiction=grid, raised_at=now)
    return {"person": person, "declaration": declaration, "registration": registration, "tenancy": tenancy,
            "house": house, "room": room, "past": past, "entry": entry, "key_person": key_person,
            "late_landlord": late_landlord, "card": card, "officer": officer_a}


@pytest.fixture
def small_phone(browser, live_server):
    """The narrowest phone in common use (375 px)."""
    page = phone(browser, live_server, width=375, height=812)
    yield page
    page.context.close()


def on_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return locator.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1


def house_page(d) -> str:
    """A house's staff page (its URL names the house: found in the data)."""
    return f"/staff/houses/{d['house'].pk}/"


def cards_page(d) -> str:
    """The staff page of the door cards of the house next door (a card, its landlord's request to suspend it)."""
    return f"/staff/houses/{d['card'].house_id}/cards/"


# each list: its URL (or how to find it in the data), its table, and what an officer reads first in the row under test
# (the row holding the first of them): texts its cells hold, and a button or link
LISTS = {
    "people": ("/staff/people/", "#people", lambda d: (d["person"].name, d["person"].id_masked, ADDRESS)),
    "declarations": ("/staff/declarations/", "#queue", lambda d: (
        d["declaration"].name, d["declaration"].id_masked, ADDRESS)),
    "houses": ("/staff/houses/", "#houses", lambda d: (ADDRESS,)),
    "registrations": ("/staff/registrations/", "#registrations", lambda d: (
        d["registration"].number, d["registration"].name, d["registration"].id_masked, ADDRESS)),
    "watchlist": ("/staff/watchlist/", "#watchlist", lambda d: (
        d["entry"].watch_id, d["entry"].name, d["entry"].id_masked, d["entry"].reason)),
    "door alarms": ("/staff/doors/alarms/", "#alarms", lambda d: ("D-A-0001", ADDRESS, "button:办结")),
    "audit": ("/staff/audit/", "#audit", lambda d: (d["officer"].display_name(),)),  # read by an administrator
    "door devices": ("/staff/doors/", "#devices", lambda d: ("D-A-0001", ADDRESS)),
    "house claims": ("/staff/houses/claims/", "#claims", lambda d: (ADDRESS, "房东甲", "button:通过")),
    "overdue": ("/staff/houses/overdue/", "#overdue", lambda d: (d["tenancy"].name, d["tenancy"].id_masked, ADDRESS)),
    "overdue landlords": ("/staff/houses/overdue/", "#landlords", lambda d: (
        d["late_landlord"].display_name(), d["late_landlord"].phone, NEXT_DOOR)),
    "alerts": ("/staff/alerts/", "#alerts", lambda d: (d["entry"].name, ADDRESS)),
    "care": ("/staff/care/", "#care-tasks", lambda d: (d["registration"].name, ADDRESS, "button:已看望")),
    "key persons": ("/staff/keypersons/", "#keypersons", lambda d: (d["key_person"].name, d["key_person"].id_masked)),
    # a house's own page: its rooms, who lives there now and who did
    "house rooms": (house_page, "#rooms", lambda d: (d["room"].number, "button:绑定")),
    "house tenants": (house_page, "#tenants", lambda d: (
        d["tenancy"].name, d["tenancy"].id_masked, d["room"].number, "button:退租")),
    "house history": (house_page, "#history", lambda d: (d["past"].name, d["past"].id_masked)),
    # a house's door cards, and its landlord's requests to suspend one
    "house cards": (cards_page, "#cards", lambda d: (
        d["card"].uid, d["card"].holder_name, "button:挂失", "button:注销", "button:补卡")),
    "house card requests": (cards_page, "#requests", lambda d: (
        d["card"].uid, d["card"].holder_name, "拖欠房租三个月", "button:通过", "button:不同意")),
}
# a table without a header row: the names its cells say they hold on a phone (a card number, its holder, the reason,
# the day the request was filed); on a desk they show none
NAMED_CELLS = {"house card requests": ("卡号", "持卡人", "原因", "申请时间", "")}


def column_names(page, table, name) -> list[str]:
    return list(NAMED_CELLS.get(name) or [th.strip() for th in page.locator(f"{table} thead th").all_text_contents()])


def is_desk_table(page, table, name) -> bool:
    """On a desk: a table with its header row (one without shows no names above its values), its rows table rows."""
    row = page.locator(f"{table} tbody tr").first
    if name in NAMED_CELLS:
        shown = all(shown_label(cell) == "none" for cell in row.locator("> td").all())
    else:
        shown = page.locator(f"{table} thead").is_visible()
    return shown and row.evaluate("tr => getComputedStyle(tr).display") == "table-row"


@pytest.mark.parametrize("name", list(LISTS))
def test_a_staff_list_stacks_as_cards_on_a_375_px_phone(small_phone, page, listed, admin_a, name):
    url, table, key = LISTS[name]
    url, texts = url(listed) if callable(url) else url, key(listed)
    user = admin_a if name == "audit" else listed["officer"]
    phone = small_phone
    signed_in(phone, user)
    phone.goto(phone.base + url)
    # before: people 502 px, declarations 626, houses 391, registrations 578, watchlist 659, door alarms 597, audit
    # 574, door devices 551, house claims 496, overdue 478, alerts 443, care 428, key persons 399 (the demo's data);
    # the overdue page's landlords, stacked with its occupants, had no row here until a landlord was made late; a
    # house's page 473 (its rooms, tenants and history were not marked .stack); a house's door cards 598 with a card
    # and a request to suspend it (its cards and requests were not marked .stack)
    assert phone.evaluate(PAGE_WIDTH) <= 375
    assert phone.evaluate(OVERFLOW) == []
    assert phone.evaluate(PAST_CARD) == []  # before: a house's page, the ID card photo's file field 24 px past its card
    assert phone.locator(f"{table} thead").is_hidden()
    row = phone.locator(f"{table} tbody tr", has_text=texts[0]).first
    for text in texts:
        if text.startswith("button:"):
            cell = row.locator("button", has_text=text.removeprefix("button:")).first
        else:
            cell = row.locator("td", has_text=text).first
        assert on_screen(phone, cell), text
    # each value says what it is, since the header row is not shown: its column's name above it
    headers = column_names(phone, table, name)
    cells = row.locator("> td")
    assert cells.count() == len(headers)
    for i, header in enumerate(headers):
        if header and cells.nth(i).inner_text().strip():
            assert shown_label(cells.nth(i)) == header, (i, header)
    screenshot(phone, f"phone-375-{name.replace(' ', '-')}")

    # on a desk the list is still a table with its header row
    signed_in(page, user)
    page.goto(page.base + url)
    assert is_desk_table(page, table, name)


# a card holding a form (its text field and buttons): the card, its forms, its buttons and the field, as boxes, with the
# card's horizontal padding and the width the field's placeholder takes in the field's own font (a canvas measures it:
# a cut-off placeholder overflows nothing); and every text field of its forms, with its placeholder (a door card's
# reason and new card number)
CARD_FORM = """(row, name) => {
  const BUTTON = "button:not(.default-submit)";  // not the form's unseen default button (anju.css)
  const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, width: r.width}; };
  const context = document.createElement("canvas").getContext("2d");
  const text = input => {
    const field = getComputedStyle(input);
    context.font = field.font;
    return {...box(input), name: input.name, placeholder: context.measureText(input.placeholder).width,
            room: input.clientWidth - parseFloat(field.paddingLeft) - parseFloat(field.paddingRight)};
  };
  const card = getComputedStyle(row), input = row.querySelector(`form input[name=${name}]`), field = text(input);
  return {card: box(row), padLeft: parseFloat(card.paddingLeft), padRight: parseFloat(card.paddingRight),
          field, display: getComputedStyle(input.form).display,
          fields: [...row.querySelectorAll("form input:not([type=hidden])")].map(text),
          forms: [...row.querySelectorAll("form")].map(box), buttons: [...row.querySelectorAll(`form ${BUTTON}`)].map(box),
          own: box(input.form.querySelector(BUTTON))};
}"""

# each card holding a form with a text field: its page, its table, the text of its row, the field's name, the buttons;
# on a desk, the form's display and whether its first button sits beside the field at 1280 px (as they were before)
CARD_FORMS = {
    "house claims": ("/staff/houses/claims/", "#claims", lambda d: ADDRESS, "note", ("通过", "不同意"), "block", True),
    "door alarms": ("/staff/doors/alarms/", "#alarms", lambda d: "D-A-0001", "note", ("签收", "办结"), "inline", False),
    "care visits": ("/staff/care/", "#care-tasks", lambda d: d["registration"].name, "note", ("已看望",), "block",
                    True),
    "care enrolments": ("/staff/care/", "#care-enrolled", lambda d: d["registration"].name, "reason", ("结束",), "block",
                        False),
    "house rooms": (house_page, "#rooms", lambda d: d["room"].number, "phone", ("绑定",), "flex", True),
    "house cards": (cards_page, "#cards", lambda d: d["card"].uid, "reason", ("挂失", "续卡", "注销", "补卡"), "inline",
                    True),
    "house card requests": (cards_page, "#requests", lambda d: d["card"].uid, "note", ("通过", "不同意"), "block", True),
}


@pytest.mark.parametrize("name", list(CARD_FORMS))
def test_a_cards_form_fits_inside_its_card_on_a_375_px_phone(small_phone, page, listed, name):
    """The officer on a phone deciding a landlord's claim, closing a door alarm, recording a care visit, ending an
    enrolment, binding a room to its sub-landlord, acting on a door card, deciding a landlord's request to suspend one:
    the text field across the card with its placeholder whole, the buttons inside the card's padding and apart, not at
    the screen's edge; on a desk the table as before."""
    url, table, text, field, buttons, display, beside = CARD_FORMS[name]
    url, text = url(listed) if callable(url) else url, text(listed)
    phone = small_phone
    signed_in(phone, listed["officer"])
    phone.goto(phone.base + url)
    assert phone.evaluate(PAGE_WIDTH) <= 375 and phone.evaluate(OVERFLOW) == [] and phone.evaluate(PAST_CARD) == []
    row = phone.locator(f"{table} tbody tr", has_text=text).first
    assert [b.strip() for b in row.locator("form button:not(.default-submit)").all_text_contents()] == list(buttons)
    form = row.evaluate(CARD_FORM, field)
    card, width = form["card"], phone.viewport_size["width"]
    # before: the card without padding (its content from x 24 to 351, the screen's margin), the forms at its edges; a
    # claim's note 172 px wide with room for 151 px of its 195 px placeholder (核实依据，或不予认领的原因 cut short), its
    # buttons touching; the field and its button touching: an alarm's note and 办结, a care visit's note and 已看望, an
    # enrolment's reason and 结束 (a room's phone and 绑定 .6rem apart, the form's own gap); a door card's page 598 px
    # wide, its reason, actions and new card number in a column of 172 px at x 414 to 587, a suspension request's note,
    # 通过 and 不同意 touching at x 282 to 455
    assert form["padLeft"] >= 8 and form["padRight"] >= 8
    inside = (card["left"] + form["padLeft"] - 1, card["right"] - form["padRight"] + 1)
    for box in form["forms"] + form["buttons"]:
        assert inside[0] <= box["left"] and box["right"] <= inside[1], box
        assert box["right"] + form["padRight"] <= width
    for first, then in zip(form["buttons"], form["buttons"][1:]):
        if abs(first["top"] - then["top"]) < 8:  # on one line: apart
            assert then["left"] >= first["right"] + 4, (first, then)
    for box in form["fields"]:  # each across the card (a door card's reason, and its new number), placeholder whole
        assert box["left"] >= inside[0] and box["right"] <= inside[1], box
        assert box["width"] >= card["width"] - form["padLeft"] - form["padRight"] - 1, box  # the card's width
        assert box["placeholder"] <= box["room"], box
    assert form["own"]["top"] >= form["field"]["top"] + 8  # its button on a line under it, not squeezing it
    screenshot(phone, f"phone-375-form-{name.replace(' ', '-')}")

    # on a desk the table as before: its header row, the form flowing in the last column as it did (at 1280 px a
    # claim's note with 通过 beside it and 不同意 under them; an alarm's 签收 with the note beside it and 办结 under them;
    # a care visit's note and 已看望 on one line; an enrolment's reason with 结束 under it; a room's phone and 绑定 in a
    # row; a door card's reason, 挂失, 续卡, 注销 and the new number on a line, 补卡 under them; a request's note, 通过 and
    # 不同意 on a line), the field at its own size
    signed_in(page, listed["officer"])
    page.goto(page.base + url)
    assert is_desk_table(page, table, name)
    row = page.locator(f"{table} tbody tr", has_text=text).first
    form = row.evaluate(CARD_FORM, field)
    assert form["display"] == display
    assert form["field"]["width"] < 200  # its own size (a 20-character field; a room's 9rem), not the cell's
    if beside:
        assert abs(form["field"]["top"] - form["own"]["top"]) < 8 and form["own"]["left"] >= form["field"]["right"] - 1
