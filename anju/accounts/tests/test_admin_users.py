"""Accounts made or changed in the admin go through accounts.services: the role's binding is checked, the node is
inside the administrator's own subtree, admin rights follow the role, and every change is audited."""
import pytest

from anju.accounts.models import User
from anju.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def add(client, **fields):
    data = {"username": "", "usable_password": "true", "password1": "Anju-pass-2026!", "password2": "Anju-pass-2026!",
            "first_name": "", "role": "officer", "jurisdiction": "", "phone": "", "purpose": ""}
    data.update(fields)
    return client.post("/admin/accounts/user/add/", data)


def test_an_officer_added_in_the_admin_is_checked_scoped_and_audited(client, admin_a, tree):
    client.force_login(admin_a)
    response = add(client, username="police2", first_name="新民警", jurisdiction=tree["A1"].pk)
    assert response.status_code == 302, response.content.decode()[-2000:]
    user = User.objects.get(username="police2")
    assert (user.role, user.jurisdiction, user.is_staff, user.is_superuser) == ("officer", tree["A1"], False, False)
    assert user.check_password("Anju-pass-2026!")
    assert AuditEntry.objects.filter(action="user.create", actor=admin_a).exists()
    # an officer bound to a community, or to a node outside the administrator's subtree, is refused
    assert add(client, username="police3", jurisdiction=tree["A1C1"].pk).status_code == 200
    assert add(client, username="police4", jurisdiction=tree["B1"].pk).status_code == 200
    assert not User.objects.filter(username__in=("police3", "police4")).exists()


def test_a_role_changed_in_the_admin_carries_its_rights_and_is_audited(client, admin_a, officer_a, tree):
    client.force_login(admin_a)
    data = {"username": officer_a.username, "first_name": officer_a.first_name, "role": "admin",
            "jurisdiction": tree["A1"].pk, "phone": "", "purpose": "", "is_active": "on",
            "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00"}
    response = client.post(f"/admin/accounts/user/{officer_a.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    officer_a.refresh_from_db()
    assert officer_a.role == "admin" and officer_a.is_staff and officer_a.is_superuser  # rights follow the role
    entry = AuditEntry.objects.get(action="user.update")
    assert entry.actor == admin_a and "role" in entry.detail["changed"]
    # no way to hand out superuser rights apart from the role
    assert "is_superuser" not in client.get(f"/admin/accounts/user/{officer_a.pk}/change/").content.decode()


def test_residents_accounts_are_seen_only_by_a_province_administrator_and_reads_are_audited(
        client, admin_a, admin_root, resident):
    client.force_login(admin_a)  # a station's administrator
    assert resident.username not in client.get("/admin/accounts/user/").content.decode()
    assert resident.phone not in client.get(f"/admin/accounts/user/{resident.pk}/change/", follow=True
                                            ).content.decode()
    client.force_login(admin_root)
    assert resident.username in client.get("/admin/accounts/user/").content.decode()
    assert AuditEntry.objects.filter(action="user.list", actor=admin_root,
                                     subjects__object_id=str(resident.pk)).exists()


def test_a_password_set_in_the_admin_is_audited(client, admin_a, officer_a):
    client.force_login(admin_a)
    response = client.post(f"/admin/accounts/user/{officer_a.pk}/password/",
                           {"usable_password": "true", "password1": "Anju-new-2026!", "password2": "Anju-new-2026!"})
    assert response.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.check_password("Anju-new-2026!")
    assert AuditEntry.objects.filter(action="user.password", actor=admin_a,
                                     subjects__object_id=str(officer_a.pk)).exists()
