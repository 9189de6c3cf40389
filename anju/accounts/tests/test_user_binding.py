"""Every staff user is bound to one node at the level their role works at."""
import pytest

from anju.accounts.services import AccountError, user_create


@pytest.mark.parametrize("role, code", [("officer", "A1C1"), ("grid_worker", "A1"), ("auxiliary", "A1"),
                                        ("commander", "A1C1G1")])
def test_a_role_cannot_be_bound_to_the_wrong_level(tree, role, code):
    with pytest.raises(AccountError, match="不能|cannot"):
        user_create(username="x", role=role, jurisdiction=tree[code], password="p-123456789")


def test_staff_need_a_jurisdiction_and_public_users_have_none(tree):
    with pytest.raises(AccountError):
        user_create(username="x", role="officer", jurisdiction=None, password="p-123456789")
    with pytest.raises(AccountError):
        user_create(username="y", role="resident", jurisdiction=tree["A1"])


def test_department_users_must_state_their_purpose(tree):
    with pytest.raises(AccountError, match="用途|purpose"):
        user_create(username="edu", role="department", jurisdiction=tree["330106"], password="p-123456789")
