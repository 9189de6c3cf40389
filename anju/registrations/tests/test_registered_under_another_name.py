"""A declaration for a number already actively registered to someone of another name: flagged, and approving it never
ends that other registration unless the officer confirms it is the same person, moving."""
import pytest

from anju.audit.models import AuditEntry
from anju.registrations.models import Declaration, Registration
from anju.registrations.services import RegistrationError, declaration_approve, declarations_approve_clean
from conftest import make_house, valid_id


@pytest.fixture
def registered(officer_a, resident, declare_as):
    """韩国浩, registered at the first house."""
    return declaration_approve(actor=officer_a, declaration=declare_as(resident, name="韩国浩", days_ago=30))


def test_a_declaration_under_another_name_is_flagged_with_the_registered_name(registered, resident, declare_as,
                                                                            house2):
    declaration = declare_as(resident, name="张三", target=house2)
    assert declaration.flags == ["registered_other_name"]
    assert declaration.identity_detail["registered"]["name"] == "韩国浩"
    assert declaration.flag_labels == ["已有他人姓名的有效登记"]


def test_approving_it_without_the_officers_confirmation_ends_nothing(registered, officer_a, resident, declare_as,
                                                                   house2):
    declaration = declare_as(resident, name="张三", target=house2)
    with pytest.raises(RegistrationError, match="韩国浩"):
        declaration_approve(actor=officer_a, declaration=declaration, note="已核实")
    registered.refresh_from_db()
    assert registered.status == "active" and Registration.objects.count() == 1
    assert Declaration.objects.get(pk=declaration.pk).status == "pending"


def test_confirmed_as_the_same_person_moving_the_other_registration_ends_and_this_is_audited(
        registered, officer_a, resident, declare_as, house2):
    declaration = declare_as(resident, name="张三", target=house2)
    new = declaration_approve(actor=officer_a, declaration=declaration, note="现场核实：本人已改名", same_person=True)
    registered.refresh_from_db()
    assert registered.status == "closed" and new.previous == registered and new.name == "张三"
    entry = AuditEntry.objects.get(action="registration.create", subjects__object_id=str(new.pk))
    assert entry.detail["moved_from_name"] == "韩国浩" and entry.detail["same_person"] is True


def test_a_registration_under_another_name_made_after_the_declaration_still_stops_its_approval(
        officer_a, resident, declare_as, house2):
    declaration = declare_as(resident, name="张三", target=house2)  # clean when filed
    # declared while 张三's waits, 韩国浩's is flagged as declared twice: approved with the officer's note
    other = declaration_approve(actor=officer_a, declaration=declare_as(resident, name="韩国浩", days_ago=30),
                                note="已核实")
    Declaration.objects.filter(pk=declaration.pk).update(flags=[])  # as it was before the other was filed
    declaration.refresh_from_db()
    assert declarations_approve_clean(actor=officer_a, declarations=[declaration]) == (0, ["张三"])
    other.refresh_from_db()
    assert other.status == "active"


def test_a_same_name_move_needs_no_confirmation(registered, officer_a, resident, declare_as, house2):
    declaration = declare_as(resident, name="韩国浩", target=house2)
    assert declaration.flags == []
    declaration_approve(actor=officer_a, declaration=declaration)
    registered.refresh_from_db()
    assert registered.status == "closed"


def test_the_declaration_page_names_the_other_registration_and_asks_for_the_decision(
        client, registered, officer_a, resident, declare_as, house2):
    declaration = declare_as(resident, name="张三", target=house2)
    client.force_login(officer_a)
    page = client.get(f"/staff/declarations/{declaration.pk}/").content.decode()
    assert "该号码已有有效居住登记，姓名不同：韩国浩" in page and registered.address in page
    assert 'name="same_person"' in page
    assert "已有他人姓名的有效登记" in client.get("/staff/declarations/").content.decode()
    answer = client.post(f"/staff/declarations/{declaration.pk}/", {"action": "approve", "note": "已核实"}, follow=True)
    assert "韩国浩" in answer.content.decode() and "确认是同一人迁居" in answer.content.decode()
    registered.refresh_from_db()
    assert registered.status == "active"
    client.post(f"/staff/declarations/{declaration.pk}/", {"action": "approve", "note": "已核实", "same_person": "1"})
    registered.refresh_from_db()
    assert registered.status == "closed"


def test_a_registration_in_another_jurisdiction_is_named_but_not_shown(client, tree, officer_a, officer_b, resident,
                                                                       declare_as, house):
    elsewhere = make_house(tree, "B-0100", "文二路100号1幢101室", "B1C1G1")
    registered = declaration_approve(actor=officer_b, declaration=declare_as(resident, name="韩国浩", target=elsewhere))
    declaration = declare_as(resident, name="张三", target=house)
    client.force_login(officer_a)
    page = client.get(f"/staff/declarations/{declaration.pk}/").content.decode()
    assert "韩国浩" in page and registered.address not in page and "其他辖区" in page


@pytest.fixture
def relations(monkeypatch):
    """Every comparison of two names (lib.names.relate), wherever registrations reads it from."""
    from anju.lib import names
    from anju.registrations import services

    calls, real = [], names.relate

    def relate(declared, recorded):
        calls.append((declared, recorded))
        return real(declared, recorded)

    monkeypatch.setattr(names, "relate", relate)
    monkeypatch.setattr(services, "relate", relate)
    return calls


def test_filing_compares_the_names_once_per_registration(registered, resident, declare_as, house2, relations):
    declare_as(resident, name="张三", target=house2)
    assert relations == [("张三", "韩国浩")]


def test_the_declaration_page_compares_the_names_once_per_registration_as_they_are_now(
        client, registered, officer_a, resident, declare_as, house2, relations):
    """The page reads the active registrations when it opens, not identity_detail["registered"] (what was active at
    filing): one ended since is no longer named, and each is compared with the declared name once."""
    declaration = declare_as(resident, name="张三", target=house2)
    client.force_login(officer_a)
    relations.clear()
    page = client.get(f"/staff/declarations/{declaration.pk}/").content.decode()
    assert "该号码已有有效居住登记，姓名不同：韩国浩" in page and relations == [("张三", "韩国浩")]
    registered.status = "closed"
    registered.save(update_fields=["status"])
    assert declaration.identity_detail["registered"]["name"] == "韩国浩"  # as filed
    page = client.get(f"/staff/declarations/{declaration.pk}/").content.decode()
    assert "韩国浩" not in page and 'name="same_person"' not in page
