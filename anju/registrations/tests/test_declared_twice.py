"""One ID number declared twice while the first waits (at two houses, or at one house under two names): both are
flagged, neither is approved in bulk or without a note, and each page names the other as it is now."""
import pytest

from anju.registrations.models import Declaration
from anju.registrations.services import (
    RegistrationError, declaration_approve, declaration_reject, declarations_approve_clean,
)
from conftest import make_house


@pytest.fixture
def two_houses(resident, declare_as, house2):
    """王小明 declared at the first house, then 赵六 with the same number at the second."""
    first = declare_as(resident, name="王小明", days_ago=3)
    second = declare_as(resident, name="赵六", target=house2)
    return Declaration.objects.get(pk=first.pk), second


def test_the_same_number_declared_at_another_house_flags_both(two_houses):
    first, second = two_houses
    assert "declared_twice" in first.flags and "declared_twice" in second.flags
    assert second.identity_detail["declared_twice"] == [first.pk]
    assert first.identity_detail["declared_twice"] == [second.pk]
    assert "同一号码同时另有申报" in second.flag_labels


def test_neither_is_approved_in_bulk(two_houses, officer_a):
    first, second = two_houses
    assert declarations_approve_clean(actor=officer_a, declarations=[first, second]) == (0, ["王小明", "赵六"])
    assert set(Declaration.objects.values_list("status", flat=True)) == {"pending"}


def test_approving_one_needs_the_officers_note(two_houses, officer_a):
    first, _second = two_houses
    with pytest.raises(RegistrationError, match="理由"):
        declaration_approve(actor=officer_a, declaration=first)
    assert declaration_approve(actor=officer_a, declaration=first, note="现场核实：王小明住此").name == "王小明"


def test_the_same_number_at_the_same_house_under_another_name_is_filed_and_flags_both(resident, landlord, declare_as):
    first = declare_as(resident, name="王小明")
    second = declare_as(landlord, name="赵六", channel="landlord")
    assert second.pk != first.pk and second.name == "赵六"
    first.refresh_from_db()
    assert "declared_twice" in first.flags and "declared_twice" in second.flags
    assert declare_as(resident, name="王小明").pk == first.pk  # the same one filed again is still the same one


def test_two_filed_unseen_by_each_other_still_need_a_note(resident, officer_a, declare_as, house2):
    """Filed at the same moment, neither saw the other (or filed before the flag existed): approval finds the other."""
    first = declare_as(resident, name="王小明")
    second = declare_as(resident, name="赵六", target=house2)
    Declaration.objects.update(flags=[], identity_detail={})
    assert declarations_approve_clean(actor=officer_a, declarations=[first, second]) == (0, ["王小明", "赵六"])
    with pytest.raises(RegistrationError, match="赵六"):
        declaration_approve(actor=officer_a, declaration=first)


def test_each_page_names_the_other_and_follows_its_decision(client, two_houses, officer_a, house2):
    first, second = two_houses
    client.force_login(officer_a)
    page = client.get(f"/staff/declarations/{second.pk}/").content.decode()
    assert "该身份证号另有申报" in page and "王小明" in page and first.house.address in page
    assert f'href="/staff/declarations/{first.pk}/"' in page and "待核录" in page
    page = client.get(f"/staff/declarations/{first.pk}/").content.decode()
    assert "赵六" in page and house2.address in page and f'href="/staff/declarations/{second.pk}/"' in page
    queue = client.get("/staff/declarations/").content.decode()
    assert queue.count("同一号码同时另有申报") == 2

    declaration_reject(actor=officer_a, declaration=first, reason="号码被冒用")
    page = client.get(f"/staff/declarations/{second.pk}/").content.decode()
    assert "王小明" in page and "已退回" in page


def test_a_declaration_in_another_jurisdiction_is_named_but_not_linked(client, tree, officer_a, resident, declare_as,
                                                                      house):
    elsewhere = make_house(tree, "B-0100", "文二路100号1幢101室", "B1C1G1")
    other = declare_as(resident, name="赵六", target=elsewhere)
    mine = declare_as(resident, name="王小明", target=house)
    client.force_login(officer_a)
    page = client.get(f"/staff/declarations/{mine.pk}/").content.decode()
    assert "赵六" in page and elsewhere.address in page and "申报在其他辖区" in page
    assert f"/staff/declarations/{other.pk}/" not in page
    assert client.get(f"/staff/declarations/{other.pk}/").status_code == 404
