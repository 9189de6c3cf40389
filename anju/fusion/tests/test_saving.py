"""A run saves its links, persons and residences by difference: what is the same stays as it is stored (a run
after a second delivery: test_contract)."""
import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


def _links():
    from anju.fusion.models import Link

    return {uid: (pk, entity, probability) for pk, uid, entity, probability in
            Link.objects.values_list("pk", "uid", "entity_hash", "probability")}


def test_links_gone_changed_and_new_are_written_and_the_rest_left(tree):
    from anju.fusion.models import Link
    from anju.fusion.pipeline import _bulk_sync

    columns = ["uid", "entity_hash", "probability"]
    assert _bulk_sync(Link, columns, [("O1", "a", 0.9), ("O2", "a", 0.8), ("O3", "b", 1.0)], key="uid") == {
        "inserted": 3, "updated": 0, "deleted": 0, "unchanged": 0}
    before = _links()
    got = _bulk_sync(Link, columns, [("O1", "a", 0.9), ("O2", "c", 0.8), ("O4", "c", 0.7)], key="uid")
    assert got == {"inserted": 1, "updated": 1, "deleted": 1, "unchanged": 1}
    after = _links()
    assert {uid: v[1:] for uid, v in after.items()} == {"O1": ("a", 0.9), "O2": ("c", 0.8), "O4": ("c", 0.7)}
    assert after["O1"][0] == before["O1"][0] and after["O2"][0] == before["O2"][0]


def test_a_person_whose_key_is_encrypted_again_is_not_rewritten(tree):
    """A ciphertext differs every time it is made: the blind index beside it says whether the value changed."""
    from anju.core import crypto
    from anju.fusion.models import Entity
    from anju.fusion.pipeline import _bulk_sync

    columns = ["key_hash", "key_cipher", "known", "id_hash", "id_cipher", "id_masked", "name", "sex", "birth_date",
               "records"]

    def row(name, records):
        return ("h1", crypto.encrypt("U1"), False, "", "", "", name, "", "1990-02-03", records)

    _bulk_sync(Entity, columns, [row("张三", 2)], key="key_hash", ignore=("key_cipher",))
    assert _bulk_sync(Entity, columns, [row("张三", 2)], key="key_hash", ignore=("key_cipher",))["unchanged"] == 1
    assert _bulk_sync(Entity, columns, [row("张三", 3)], key="key_hash", ignore=("key_cipher",))["updated"] == 1
    person = Entity.objects.get()
    assert (person.key, person.records, person.birth_date) == ("U1", 3, dt.date(1990, 2, 3))


def test_residences_are_compared_as_a_multiset(tree):
    from anju.fusion.models import Residence
    from anju.fusion.pipeline import _bulk_sync

    node = tree["A1C1G1"]
    columns = ["kind", "path", "node_id", "matched"]
    person, registration = (Residence.PERSON, node.path, node.pk, True), (Residence.REGISTRATION, node.path, node.pk,
                                                                          False)
    _bulk_sync(Residence, columns, [person, person, registration])
    persons = set(Residence.objects.filter(kind=Residence.PERSON).values_list("pk", flat=True))
    registered = Residence.objects.get(kind=Residence.REGISTRATION).pk
    got = _bulk_sync(Residence, columns, [person, registration, registration])
    assert got == {"inserted": 1, "updated": 0, "deleted": 1, "unchanged": 2}
    assert sorted(Residence.objects.values_list("kind", "matched")) == [
        (Residence.PERSON, True), (Residence.REGISTRATION, False), (Residence.REGISTRATION, False)]
    assert len(persons & set(Residence.objects.values_list("pk", flat=True))) == 1
    assert Residence.objects.filter(pk=registered).exists()
