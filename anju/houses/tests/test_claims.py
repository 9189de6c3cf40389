"""A landlord naming a house already in the system claims it: theirs only with its door-plate number or once the police
approve; until then they see nothing of its occupants, and the kind they gave waits with the claim for the police."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from anju.audit.models import AuditEntry
from anju.houses.models import HouseClaim
from anju.houses.services import HouseError, house_claim_decide, house_register, tenant_check_in
from conftest import make_house, valid_id


@pytest.fixture
def occupied(tree, officer_a):
    """A short-term rental the police registered with no landlord, and someone living there."""
    house = make_house(tree, "A-0160", "文晖路16号104室", "A1C1G1", kind="short_term")
    tenant_check_in(actor=officer_a, house=house, name="赵住客", id_number=valid_id(seq="161"),
                    move_in=timezone.localdate() - timedelta(days=1))
    return house


def register(client, landlord, house, **extra):
    client.force_login(landlord)
    return client.post(f"/landlord/houses/new/?q={house.address}", {
        "address_code": house.standard_address.code, "kind": "rental", **extra}, follow=True)


def test_registering_a_house_already_in_the_system_files_a_claim_and_shows_nothing_of_its_occupants(
        client, landlord, occupied):
    body = register(client, landlord, occupied).content.decode()
    assert not occupied.landlords.exists()
    claim = HouseClaim.objects.get()
    assert (claim.landlord, claim.status, claim.kind, claim.recorded_kind) == (landlord, "pending", "rental", "short_term")
    assert "待民警核实" in body and occupied.address in body and "赵住客" not in body
    assert client.get(f"/landlord/houses/{occupied.pk}/").status_code == 404
    assert client.post(f"/houses/{occupied.pk}/check-in/", {"name": "x"}).status_code == 404
    occupied.refresh_from_db()
    assert occupied.kind == "short_term"
    entry = AuditEntry.objects.get(action="house.claim.request")
    assert entry.detail == {"claim": claim.pk, "kind": "rental", "recorded_kind": "short_term"}


def test_registering_it_again_updates_the_waiting_claim_instead_of_filing_another(landlord, occupied):
    house_register(actor=landlord, standard_address=occupied.standard_address, kind="rental")
    claim = house_register(actor=landlord, standard_address=occupied.standard_address, kind="group", capacity=6)
    assert HouseClaim.objects.count() == 1 and (claim.kind, claim.capacity) == ("group", 6)


def test_the_door_plate_number_proves_the_claim_at_once_and_the_house_takes_the_kind_given(client, landlord, occupied):
    serial = occupied.plates.get().serial
    body = register(client, landlord, occupied, plate_code=f" {serial} ").content.decode()
    assert list(occupied.landlords.all()) == [landlord]
    occupied.refresh_from_db()
    assert occupied.kind == "rental"
    assert "赵住客" in body and "原登记类型为短租/网约房" in body
    claim = HouseClaim.objects.get()
    assert (claim.status, claim.proof) == ("approved", "plate")
    entry = AuditEntry.objects.get(action="house.claim")
    assert entry.detail["proof"] == "plate" and entry.detail["changed"] == {"kind": ["short_term", "rental"]}


def test_the_plate_url_or_token_serves_as_the_plate_number(landlord, occupied):
    token = occupied.plates.get().token
    claim = house_register(actor=landlord, standard_address=occupied.standard_address, kind="short_term",
                           plate_code=f"https://anju.example/p/{token}/")
    assert claim.status == "approved" and occupied.landlords.filter(pk=landlord.pk).exists()


def test_a_wrong_or_revoked_plate_number_files_nothing(client, landlord, occupied, officer_a):
    from anju.houses.services import plate_reissue

    old = occupied.plates.get().serial
    plate_reissue(actor=officer_a, house=occupied, reason="丢失")
    for code in (old, "not-a-plate"):
        body = register(client, landlord, occupied, plate_code=code).content.decode()
        assert "不是此房屋门牌的编号" in body
    assert not HouseClaim.objects.exists() and not occupied.landlords.exists()


def test_scanning_the_plate_still_claims_an_unclaimed_house_at_once(client, landlord, occupied):
    client.force_login(landlord)
    response = client.post(f"/p/{occupied.plates.get().token}/claim/")
    assert response.status_code == 302 and response["Location"] == f"/landlord/houses/{occupied.pk}/"
    assert occupied.landlords.filter(pk=landlord.pk).exists()


def test_the_police_see_the_claim_with_the_kind_that_differs_and_approving_it_hands_the_house_over(
        client, landlord, occupied, officer_a):
    house_register(actor=landlord, standard_address=occupied.standard_address, kind="rental")
    client.force_login(officer_a)
    assert "待核实认领（1）" in client.get("/staff/houses/").content.decode()
    for page in ("/staff/houses/claims/", f"/staff/houses/{occupied.pk}/"):
        body = client.get(page).content.decode()
        assert "房东甲" in body and "整租（原登记为短租/网约房）" in body, page
    claim = HouseClaim.objects.get()
    client.post(f"/staff/houses/claims/{claim.pk}/decide/", {"approve": "1", "note": "已核验房产证"})
    claim.refresh_from_db()
    occupied.refresh_from_db()
    assert (claim.status, claim.proof, claim.decided_by) == ("approved", "police", officer_a)
    assert list(occupied.landlords.all()) == [landlord] and occupied.kind == "rental"
    entry = AuditEntry.objects.get(action="house.claim", actor=officer_a)
    assert entry.detail["note"] == "已核验房产证" and entry.detail["landlord"] == landlord.pk
    client.force_login(landlord)
    assert "赵住客" in client.get(f"/landlord/houses/{occupied.pk}/").content.decode()


def test_a_refused_claim_tells_the_landlord_why_and_gives_them_nothing(client, landlord, occupied, officer_a):
    claim = house_register(actor=landlord, standard_address=occupied.standard_address, kind="rental")
    with pytest.raises(HouseError, match="理由"):
        house_claim_decide(actor=officer_a, claim=claim, approve=False, note=" ")
    house_claim_decide(actor=officer_a, claim=claim, approve=False, note="非房屋所有人")
    assert not occupied.landlords.exists()
    assert AuditEntry.objects.filter(action="house.claim.refuse").exists()
    with pytest.raises(HouseError, match="已处理"):
        house_claim_decide(actor=officer_a, claim=claim, approve=True, note="x")
    client.force_login(landlord)
    body = client.get("/landlord/").content.decode()
    assert "拒绝" in body and "非房屋所有人" in body and "赵住客" not in body


def test_only_the_police_of_the_place_decide_a_claim(client, landlord, occupied, officer_b, make_user):
    claim = house_register(actor=landlord, standard_address=occupied.standard_address, kind="rental")
    with pytest.raises(HouseError, match="辖区"):
        house_claim_decide(actor=officer_b, claim=claim, approve=True, note="x")
    commander = make_user("cmd", "commander", "330106")
    with pytest.raises(PermissionDenied):
        house_claim_decide(actor=commander, claim=claim, approve=True, note="x")
    client.force_login(officer_b)
    assert client.post(f"/staff/houses/claims/{claim.pk}/decide/", {"approve": "1", "note": "x"}).status_code == 404
    assert "房东甲" not in client.get("/staff/houses/claims/").content.decode()
    assert not occupied.landlords.exists()


def test_only_the_roles_that_decide_claims_read_them_with_the_claimants_phone_and_the_read_is_audited(
        client, landlord, occupied, officer_a, make_user):
    house_register(actor=landlord, standard_address=occupied.standard_address, kind="rental")
    for reader in (make_user("cmd", "commander", "330106"), make_user("grid", "grid_worker", "A1C1G1")):
        client.force_login(reader)
        response = client.get("/staff/houses/claims/")
        assert response.status_code == 403 and landlord.phone not in response.content.decode(), reader.role
        list_page = client.get("/staff/houses/")
        assert list_page.context["claims_waiting"] == 0 and "claims-waiting" not in list_page.content.decode()
        body = client.get(f"/staff/houses/{occupied.pk}/").content.decode()
        assert "房东甲" not in body and landlord.phone not in body, reader.role
    assert not AuditEntry.objects.filter(action="house.claim.list").exists()
    client.force_login(officer_a)
    assert landlord.phone in client.get("/staff/houses/claims/").content.decode()
    assert landlord.phone in client.get(f"/staff/houses/{occupied.pk}/").content.decode()
    entries = AuditEntry.objects.filter(action="house.claim.list", actor=officer_a)
    assert entries.count() == 2 and all(e.object_type == "user" and e.object_ids == [str(landlord.pk)]
                                        for e in entries)


def test_the_claims_queue_reads_a_fixed_number_of_queries(client, tree, officer_a, landlord, make_user,
                                                          django_assert_max_num_queries):
    from anju.houses.services import landlord_verify

    for i in range(4):
        house = make_house(tree, f"A-03{i:02d}", f"文晖路30号{i}幢101室", "A1C1G1")
        claimant = make_user(f"1390000010{i}", "landlord", None, phone=f"1390000010{i}", password=None)
        landlord_verify(user=claimant, name=f"房东{i}", id_number=valid_id(seq=f"4{i}1"))
        house_register(actor=claimant, standard_address=house.standard_address, kind="rental")
    client.force_login(officer_a)
    with django_assert_max_num_queries(8):
        body = client.get("/staff/houses/claims/").content.decode()
    assert all(f"房东{i}" in body for i in range(4))
