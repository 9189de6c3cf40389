"""What a role may change: reading a place is not changing it. Department users and commanders read; grid workers
carry out checks; the police and the community's auxiliaries decide and manage. A forged request from a role that
sees no button is refused the same way."""
import pytest
from django.core.exceptions import PermissionDenied

from anju.houses.services import plate_revoke
from anju.registrations.models import Declaration
from anju.registrations.services import declaration_approve


@pytest.fixture
def staff(make_user):
    return {
        "department": make_user("edu", "department", "330106", full_name="区教育局", purpose="义务教育入学 school enrolment",
                                department="education"),
        "commander": make_user("cmd", "commander", "330106"),
        "grid_worker": make_user("grid", "grid_worker", "A1C1G1"),
        "auxiliary": make_user("aux", "auxiliary", "A1C1"),
    }


@pytest.mark.parametrize("role", ["department", "commander", "grid_worker"])
def test_reading_roles_cannot_approve_a_declaration_or_revoke_a_plate(client, staff, role, resident, declare_as, house):
    declaration = declare_as(resident)
    with pytest.raises(PermissionDenied):
        declaration_approve(actor=staff[role], declaration=declaration)
    client.force_login(staff[role])
    page = client.get(f"/staff/declarations/{declaration.pk}/").content.decode()
    assert 'id="approve"' not in page and 'id="reject"' not in page
    assert client.post(f"/staff/declarations/{declaration.pk}/", {"action": "approve"}).status_code == 403
    assert Declaration.objects.get(pk=declaration.pk).status == "pending"
    plate = house.plates.get()
    with pytest.raises(PermissionDenied):
        plate_revoke(actor=staff[role], plate=plate, reason="test")
    page = client.get(f"/staff/houses/{house.pk}/").content.decode()
    assert "plate/revoke" not in page and 'id="check-in"' not in page and 'id="room-add"' not in page
    assert client.post(f"/staff/houses/{house.pk}/plate/revoke/", {"reason": "x"}).status_code == 403
    house.refresh_from_db()
    assert house.plates.filter(revoked_at__isnull=True).exists()


def test_the_communitys_auxiliary_decides_and_manages(client, staff, resident, declare_as, house):
    declaration = declare_as(resident)
    client.force_login(staff["auxiliary"])
    page = client.get(f"/staff/declarations/{declaration.pk}/").content.decode()
    assert 'id="approve"' in page
    client.post(f"/staff/declarations/{declaration.pk}/", {"action": "approve"})
    assert Declaration.objects.get(pk=declaration.pk).status == "approved"
    assert "plate/revoke" in client.get(f"/staff/houses/{house.pk}/").content.decode()


def test_a_plate_is_revoked_only_with_a_reason_and_the_landlord_is_told(client, officer_a, house, make_user):
    client.force_login(officer_a)
    client.post(f"/staff/houses/{house.pk}/plate/revoke/", {"reason": ""})
    assert house.plates.filter(revoked_at__isnull=True).exists()
    client.post(f"/staff/houses/{house.pk}/plate/revoke/", {"reason": "门牌遗失"})
    assert not house.plates.filter(revoked_at__isnull=True).exists()
    landlord = make_user("13800138111", "landlord", None, phone="13800138111", password=None)
    house.landlords.add(landlord, through_defaults={"registered_by": officer_a})
    client.force_login(landlord)
    page = client.get(f"/landlord/houses/{house.pk}/").content.decode()
    assert "门牌遗失" in page and 'id="plate-revoked"' in page
