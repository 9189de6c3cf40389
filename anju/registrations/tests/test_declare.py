"""Declaring residence: identity checked against the registry, nothing lost or doubled, clear messages."""
import pytest
from django.utils import timezone

from anju.accounts import sms
from anju.registrations.models import Declaration
from anju.registrations.services import RegistrationError, declare
from conftest import valid_id


def test_a_clean_declaration_matches_the_registry_and_is_not_flagged(resident, declare_as, registry):
    registry((valid_id(seq="701"), "周八"))
    declaration = declare_as(resident)
    assert declaration.status == "pending" and declaration.identity_status == "match" and declaration.flags == []


def test_a_name_that_differs_from_the_registry_is_flagged_with_a_homophone_hint(resident, declare_as, registry):
    registry((valid_id(seq="701"), "周八"))
    declaration = declare_as(resident, name="州八")
    assert declaration.flags == ["identity_mismatch"]
    assert declaration.identity_detail["registry"]["name"] == "周八"
    assert declaration.identity_detail["name_hint"]["kind"] == "homophone"


def test_an_unknown_number_is_flagged_when_a_registry_is_loaded(resident, declare_as, registry):
    registry((valid_id(seq="999"), "别人"))
    assert declare_as(resident).flags == ["unknown_id"]


def test_without_a_registry_nothing_is_flagged(resident, declare_as):
    assert declare_as(resident).identity_status == "no_registry"


def test_a_double_tap_with_the_same_key_files_one_declaration(resident, declare_as):
    first = declare_as(resident, key="same-form")
    second = declare_as(resident, key="same-form")
    assert first.pk == second.pk and Declaration.objects.count() == 1


def test_the_same_declaration_filed_again_returns_the_pending_one(resident, declare_as):
    assert declare_as(resident).pk == declare_as(resident).pk
    assert Declaration.objects.count() == 1


@pytest.mark.parametrize("change, message", [
    ({"id_number": "330106199003071234"}, "校验码"),
    ({"id_number": "12345"}, "位"),
    ({"move_in": timezone.localdate() + timezone.timedelta(days=2)}, "晚于今天|未来|future"),
    ({"name": " "}, "姓名"),
    ({"phone": "123"}, "手机"),
])
def test_bad_input_is_refused_clearly_and_writes_nothing(resident, house, change, message):
    fields = dict(actor=resident, channel="resident", house=house, name="周八", id_number=valid_id(seq="701"),
                  move_in=timezone.localdate(), phone="13512345678")
    fields.update(change)
    with pytest.raises((RegistrationError, ValueError), match=message):
        declare(**fields)
    assert Declaration.objects.count() == 0


def test_children_under_16_are_declared_with_their_parent(resident, declare_as):
    child = valid_id(birth="20180601", seq="702")
    declaration = declare_as(resident, children=[("周小八", child)])
    [kid] = declaration.children.all()
    assert kid.name == "周小八" and kid.guardian == declaration and kid.status == "pending"


def test_reading_a_declaration_reads_its_children_too_in_the_audit(resident, declare_as, officer_a):
    from anju.audit.models import AuditEntry
    from anju.registrations.selectors import declaration_get

    declaration = declare_as(resident, children=[("周小八", valid_id(birth="20180601", seq="702"))])
    [kid] = declaration.children.all()
    declaration_get(user=officer_a, pk=declaration.pk)
    assert AuditEntry.objects.filter(action="declaration.read", subjects__object_id=str(kid.pk)).exists()


def test_a_child_of_16_or_more_must_declare_alone(resident, declare_as):
    with pytest.raises(RegistrationError, match="16"):
        declare_as(resident, children=[("周大八", valid_id(birth="20000101", seq="704"))])
    assert Declaration.objects.count() == 0


def test_the_declarant_is_told_by_sms(resident, declare_as, django_capture_on_commit_callbacks):
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        declare_as(resident)
    assert sms.outbox[-1][0] == "13512345678" and "等待社区民警核录" in sms.outbox[-1][1]


def test_a_wrong_id_number_is_pointed_out_at_its_field(client, resident, house):
    """The form says what is wrong under the ID number it typed (before: above the form, a bare 校验码错误，应为 …)."""
    client.force_login(resident)
    good = valid_id(seq="701")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client.post(f"/p/{house.plates.get().token}/declare/", {
        "name": "周八", "id_number": bad, "phone": "13512345678", "move_in": timezone.localdate().isoformat(),
        "token": "t1"})
    form = response.context["form"]
    assert response.status_code == 200 and not form.non_field_errors()
    assert form.errors["id_number"] == ["校验码错误，请核对号码"]  # not which digit: anju.core.identity
    body = response.content.decode()
    assert body.index('name="id_number"') < body.index("校验码错误") < body.index('name="phone"')
    assert Declaration.objects.count() == 0


def test_declaring_from_the_plate_page(client, resident, house):
    client.force_login(resident)
    token = house.plates.get().token
    page = client.get(f"/p/{token}/declare/")
    assert page.status_code == 200 and house.address in page.content.decode()
    response = client.post(f"/p/{token}/declare/", {"name": "周八", "id_number": valid_id(seq="701"),
                                                    "phone": "13512345678", "move_in": timezone.localdate().isoformat(),
                                                    "token": "t-1"})
    declaration = Declaration.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/me/declarations/{declaration.pk}/"
    client.post(f"/p/{token}/declare/", {"name": "周八", "id_number": valid_id(seq="701"), "phone": "13512345678",
                                         "move_in": timezone.localdate().isoformat(), "token": "t-1"})
    assert Declaration.objects.count() == 1


def test_a_forged_plate_cannot_be_declared_to(client, resident, house):
    client.force_login(resident)
    serial = house.plates.get().token.split(".")[0]
    assert client.get(f"/p/{serial}.0000000000/declare/").status_code == 404


def test_an_address_search_with_more_matches_than_shown_says_so(client, tree, resident):
    from anju.addresses.services import address_upsert

    for i in range(25):
        address_upsert(code=f"A-R{i}", full_address=f"文晖路16号1幢{i + 101}室", jurisdiction=tree["A1C1G1"],
                       road="文晖路", house_number="16号", building="1幢", room=f"{i + 101}室")
    client.force_login(resident)
    body = client.get("/declare/", {"q": "文晖路16号"}).content.decode()
    assert body.count('href="?address=') == 20 and 'id="more-results"' in body
    body = client.get("/declare/", {"q": "文晖路16号1幢125室"}).content.decode()
    assert "1幢125室" in body and 'id="more-results"' not in body


def test_a_name_the_registry_writes_otherwise_is_not_flagged_and_the_officer_sees_how_it_matched(
        client, resident, declare_as, registry, officer_a):
    """陳明 in the registry is the 陈明 who declares (traditional → simplified): no 人证不一 flag, nothing in the way of
    bulk approval, and the officer's page shows the registry's name with how the two compare, in either language.
    汪明 against the registry's 王明 is another name of the same sound: flagged, shown as such."""
    registry((valid_id(seq="701"), "陳明"), (valid_id(seq="702"), "王明"))
    declaration = declare_as(resident, name="陈明")
    assert (declaration.identity_status, declaration.flags) == ("match", [])
    assert declaration.identity_detail["name_hint"]["kind"] == "traditional"
    homophone = declare_as(resident, seq="702", name="汪明")
    assert (homophone.identity_status, homophone.flags) == ("mismatch", ["identity_mismatch"])
    client.force_login(officer_a)
    url = f"/staff/declarations/{declaration.pk}/"
    page = client.get(url).content.decode()
    assert 'id="flags"' not in page and "陳明" in page and "繁简体写法不同，转为简体后一致" in page
    assert "traditional and simplified forms of the same name" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = client.get(f"/staff/declarations/{homophone.pk}/").content.decode()
    assert 'id="flags"' in page and "王明" in page and "同音不同字" in page
