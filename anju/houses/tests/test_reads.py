"""A house's tenants are read by the roles that read houses (accounts/choices.ROLE_READS) by whichever URL they
come: the landlord pages refuse a staff user whose role does not, as the staff pages do."""
from django.utils import timezone

from conftest import valid_id


def test_the_landlord_house_page_refuses_a_department_user_and_opens_for_the_police_and_the_landlord(
        client, make_user, officer_a, landlord, house):
    from anju.houses.services import tenant_check_in

    tenant_check_in(actor=landlord, house=house, name="赵六", id_number=valid_id(seq="601"), move_in=timezone.localdate())
    education = make_user("edu", "department", "330106", purpose="义务教育入学资格审核", department="education")
    client.force_login(education)
    for url in (f"/staff/houses/{house.pk}/", f"/landlord/houses/{house.pk}/"):
        response = client.get(url)
        assert response.status_code == 403 and "无权访问" in response.content.decode(), url
        assert "赵六" not in response.content.decode(), url
    for reader in (officer_a, landlord):
        client.force_login(reader)
        response = client.get(f"/landlord/houses/{house.pk}/")
        assert response.status_code == 200 and "赵六" in response.content.decode(), reader.role
